// The chunk worker's per-download speed limit: a `rate` message with a connection-key prefix holds
// that download's connections to their share while other downloads run at full speed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src-main/engine/fetch/worker-pool';
import type { WorkerToMain } from '../../src-main/engine/fetch/worker-protocol';
import { sha256, tempDir } from '../support/engine-harness';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

// Long enough (10 s at the limit) that the first socket read before the throttle engages, about
// 100 KB, cannot by itself push the average over the 10 % margin.
const BODY = makeTestBody(4_000_000, 12);
const LIMIT_BPS = 400_000;
let server: TestServer;
let pool: WorkerPool;

beforeAll(async () => {
  server = await startTestServer();
  server.setResource('/rate.bin', { body: BODY });
  pool = new WorkerPool(path.resolve('out/main/chunk-worker.js'), 1);
});
afterAll(async () => {
  await pool.close();
  await server.close();
});

/** Fetches the whole body on `connectionKey` into its own file; resolves with seconds taken. */
function fetchOn(connectionKey: string, file: string): Promise<number> {
  const fd = fs.openSync(file, 'w+');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    pool.start(
      {
        type: 'range',
        connectionKey,
        url: server.url('/rate.bin'),
        timeouts: { connectMs: 5000, headersMs: 5000, idleMs: 10_000 },
        extraHeaders: {},
        fd,
        start: 0,
        position: 0,
        end: BODY.length - 1,
        crc: 0,
        expect: { totalBytes: BODY.length },
      },
      (message: WorkerToMain) => {
        if (message.type === 'done') resolve((Date.now() - started) / 1000);
        if (message.type === 'failed') reject(new Error(message.error.message));
        if (message.type === 'done' || message.type === 'failed') fs.closeSync(fd);
      },
    );
  });
}

describe('per-download rate', () => {
  it("holds one download's connections to its limit while another runs unlimited", async () => {
    const dir = tempDir('pdl-rate-');
    pool.broadcast({ type: 'rate', bytesPerSecond: LIMIT_BPS, connectionKeyPrefix: 'slow:' });
    const [slowS, fastS] = await Promise.all([
      fetchOn('slow:0', path.join(dir, 'slow.bin')),
      fetchOn('fast:0', path.join(dir, 'fast.bin')),
    ]);
    for (const name of ['slow.bin', 'fast.bin']) {
      expect(sha256(fs.readFileSync(path.join(dir, name)))).toBe(sha256(BODY));
    }
    // Never faster than the limit (10 % for timer granularity); a loaded machine may be slower.
    expect(BODY.length / slowS).toBeLessThanOrEqual(LIMIT_BPS * 1.1);
    expect(fastS).toBeLessThan(slowS / 2);
  });
});
