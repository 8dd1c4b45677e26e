// HTTP statuses that are not the file: a refused chunk shows its pending retry, and statuses that
// cannot change on a retry end the download at once with the status in the message.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isChunkRetry, type DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(1024 * 1024 + 5, 51);

describe('retries in progress', () => {
  it('shows the pending retry on the chunk while it waits', async () => {
    harness = createHarness();
    server.setResource('/visible.bin', { body, perConnectionRateBps: 2_000_000 });
    const added = await harness.engine.add({
      url: server.url('/visible.bin'),
      connections: 2,
      chunkSizeBytes: 256 * 1024,
    });
    await harness.waitFor(added.id, (d) => d.status === 'downloading');
    server.setResource('/visible.bin', {
      body,
      faults: { status: { code: 503, retryAfter: '3', times: 1 } },
    });
    const waiting = await new Promise<DownloadSnapshot>((resolve) => {
      const off = harness.engine.on('progressed', (batch) => {
        const mine = batch.downloads.find((d) => d.id === added.id);
        if (mine?.changedChunks.some((c) => c.status === 'retry-wait')) {
          off();
          resolve(harness.engine.get(added.id)!);
        }
      });
    });
    const chunk = waiting.chunks.find((c) => c.status === 'retry-wait')!;
    const record = waiting.retries.filter(isChunkRetry).find((r) => r.chunkId === chunk.id)!;
    expect(chunk.lastError).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryable: true });
    expect(chunk.nextAttemptAt).toBe(record.nextAttemptAt);
    expect(chunk.nextAttemptAt! - record.at).toBeGreaterThanOrEqual(3_000);
    await harness.engine.cancel(added.id);
  });
});

/** A server that answers every request with one status, counting what it was asked. */
async function statusServer(
  status: number,
): Promise<{ server: Server; url: string; requests: () => number }> {
  let count = 0;
  const plain = createServer((_req, res) => {
    count++;
    res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': 4 });
    res.end('nope');
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const { port } = plain.address() as AddressInfo;
  return { server: plain, url: `http://127.0.0.1:${port}/file.bin`, requests: () => count };
}

describe('statuses a retry cannot fix', () => {
  for (const status of [404, 410, 401, 403]) {
    it(`fails at once on HTTP ${status} with the status in the message, without retrying`, async () => {
      harness = createHarness();
      const refusing = await statusServer(status);
      try {
        const result = await harness.download({ url: refusing.url, connections: 4 });
        expect(result.status).toBe('failed');
        expect(result.error).toMatchObject({ code: 'HTTP_STATUS', status, retryable: false });
        expect(result.error!.message).toContain(`HTTP ${status}`);
        expect(result.retries).toEqual([]);
        expect(refusing.requests()).toBe(1);
      } finally {
        await new Promise<void>((resolve) => refusing.server.close(() => resolve()));
      }
    });
  }
});
