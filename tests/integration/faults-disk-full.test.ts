// A full disk pauses the download with the reason and keeps what was written; it continues once
// space is freed. Uses a small tmpfs so the disk really fills (tests run as root here and in CI).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sha256, type Harness } from '../support/engine-harness';
import { mountSmallTmpfs, type SmallTmpfs } from '../support/small-tmpfs';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

const MiB = 1024 * 1024;
let server: TestServer;
let harness: Harness;
let tmpfs: SmallTmpfs;
let mountPoint: string;

beforeAll(async () => {
  server = await startTestServer();
  tmpfs = mountSmallTmpfs(8, 'pdl-full-');
  mountPoint = tmpfs.path;
});
afterAll(async () => {
  await server.close();
  tmpfs.unmount();
});
afterEach(async () => {
  await harness?.close();
  tmpfs.empty();
});

describe('a full disk', () => {
  it('refuses up front when the known size cannot fit, before writing anything', async () => {
    harness = createHarness({ directory: mountPoint });
    server.setResource('/huge.bin', { body: makeTestBody(12 * MiB, 1) });
    server.reset();
    const result = await harness.download({ url: server.url('/huge.bin') });
    expect(result.status).toBe('paused');
    expect(result.error?.code).toBe('NOT_ENOUGH_SPACE');
    expect(result.error?.message).toContain(mountPoint);
    // Nothing was written: the first response was abandoned as soon as its headers showed the size.
    expect(result.downloadedBytes).toBe(0);
    expect(fs.readdirSync(mountPoint)).toEqual([]);
  });

  it('pauses with DISK_FULL when the disk fills mid-download, keeps the data, and completes once space is freed', async () => {
    harness = createHarness({ directory: mountPoint });
    const body = makeTestBody(6 * MiB, 2);
    server.setResource('/fill.bin', { body, perConnectionRateBps: 1_000_000 });
    const added = await harness.engine.add({ url: server.url('/fill.bin'), connections: 4 });
    await harness.waitFor(added.id, (d) => d.status === 'downloading');
    // Another program takes the space while the download runs.
    const filler = path.join(mountPoint, 'filler');
    try {
      fs.writeFileSync(filler, Buffer.alloc(7 * MiB));
    } catch {
      // The tmpfs is full now: exactly the situation under test.
    }
    const paused = await harness.waitFor(added.id, (d) => d.status !== 'downloading');
    expect(paused.status).toBe('paused');
    expect(paused.error?.code).toBe('DISK_FULL');
    expect(paused.error?.message).toMatch(/disk is full/);
    expect(fs.existsSync(path.join(mountPoint, 'fill.bin.part'))).toBe(true);
    const kept = paused.downloadedBytes;
    fs.rmSync(filler);
    server.reset();
    await harness.engine.resume(added.id);
    const done = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
    expect(done.status).toBe('completed');
    expect(sha256(done.filePath!)).toBe(sha256(body));
    // What was written before the disk filled is not fetched again.
    const refetched = server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
    expect(refetched).toBeLessThan(body.length - kept + 512 * 1024);
  });
});
