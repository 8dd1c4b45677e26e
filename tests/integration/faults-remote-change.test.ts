// The remote file changes while it is being downloaded: the download stops with REMOTE_CHANGED and
// the part file never holds a byte of the new version next to the old one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type ResourceSpec, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const SIZE = 2 * 1024 * 1024;
const oldBody = makeTestBody(SIZE, 61);
const CHANGED = 'remote file changed since the download started';

/** Starts a throttled download in small chunks, so new range requests keep coming. */
async function startSlow(file: string, spec: Omit<ResourceSpec, 'body'>): Promise<DownloadSnapshot> {
  server.setResource(file, { body: oldBody, perConnectionRateBps: 1_000_000, ...spec });
  server.reset();
  const added = await harness.engine.add({
    url: server.url(file),
    connections: 2,
    chunkSizeBytes: 128 * 1024,
  });
  await harness.downloadedAtLeast(added.id, 512 * 1024);
  return added;
}

const settled = (id: string) =>
  harness.waitFor(id, (d) => d.status === 'completed' || d.status === 'failed' || d.status === 'paused');

/** Every byte the chunks claim is the old version's: nothing of the new one was spliced in. */
function expectOnlyOldBytes(result: DownloadSnapshot, partPath: string): void {
  const part = fs.readFileSync(partPath);
  let claimed = 0;
  for (const chunk of result.chunks) {
    const end = chunk.start + chunk.written;
    expect(part.subarray(chunk.start, end).equals(oldBody.subarray(chunk.start, end))).toBe(true);
    claimed += chunk.written;
  }
  expect(claimed).toBeGreaterThan(0);
}

describe('the remote file changes during the download', () => {
  it('stops with REMOTE_CHANGED when the ETag changes and the server answers 200 to If-Range', async () => {
    harness = createHarness();
    const added = await startSlow('/etag.bin', {});
    const oldEtag = server.requests().find((r) => r.ifRange)!.ifRange;
    server.setResource('/etag.bin', { body: makeTestBody(SIZE, 62), perConnectionRateBps: 1_000_000 });
    const result = await settled(added.id);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'REMOTE_CHANGED', message: CHANGED, retryable: false });
    expect(fs.existsSync(path.join(harness.dir, 'etag.bin'))).toBe(false);
    expectOnlyOldBytes(result, path.join(harness.dir, 'etag.bin.part'));
    expect(server.requests().some((r) => r.ifRange === oldEtag && r.status === 200)).toBe(true);
  });

  it('stops with REMOTE_CHANGED when the size changes on a server without validators', async () => {
    harness = createHarness();
    const added = await startSlow('/bare.bin', { etag: null, lastModified: null });
    server.setResource('/bare.bin', {
      body: makeTestBody(SIZE + 1000, 63),
      etag: null,
      lastModified: null,
      perConnectionRateBps: 1_000_000,
    });
    const result = await settled(added.id);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'REMOTE_CHANGED', message: CHANGED });
    expect(fs.existsSync(path.join(harness.dir, 'bare.bin'))).toBe(false);
    expectOnlyOldBytes(result, path.join(harness.dir, 'bare.bin.part'));
  });

  it('stops with REMOTE_CHANGED when the size changes behind an unchanged ETag', async () => {
    harness = createHarness();
    const added = await startSlow('/same-etag.bin', { etag: '"v1"' });
    server.setResource('/same-etag.bin', {
      body: makeTestBody(SIZE + 1000, 66),
      etag: '"v1"',
      perConnectionRateBps: 1_000_000,
    });
    const result = await settled(added.id);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'REMOTE_CHANGED', message: CHANGED });
    expectOnlyOldBytes(result, path.join(harness.dir, 'same-etag.bin.part'));
  });

  it('stops with REMOTE_CHANGED on resume when the file changed while paused', async () => {
    harness = createHarness();
    const added = await startSlow('/paused.bin', {});
    await harness.engine.pause(added.id);
    server.setResource('/paused.bin', { body: makeTestBody(SIZE, 64) });
    server.reset();
    await harness.engine.resume(added.id);
    const result = await settled(added.id);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'REMOTE_CHANGED', message: CHANGED });
    expect(fs.existsSync(path.join(harness.dir, 'paused.bin'))).toBe(false);
    expectOnlyOldBytes(result, path.join(harness.dir, 'paused.bin.part'));
    // Only the probe asked: no chunk of the new version was requested.
    expect(server.requests().filter((r) => r.range !== 'bytes=0-')).toEqual([]);
  });

  it('restarts from zero on retry after REMOTE_CHANGED and saves only the new version', async () => {
    harness = createHarness();
    const added = await startSlow('/restart.bin', {});
    const newBody = makeTestBody(SIZE + 4096, 65);
    server.setResource('/restart.bin', { body: newBody });
    const changed = await settled(added.id);
    expect(changed.error).toMatchObject({ code: 'REMOTE_CHANGED' });
    const oldEtag = server.requests().find((r) => r.ifRange)!.ifRange;
    server.reset();
    await harness.engine.retry(added.id);
    const result = await settled(added.id);
    expect(result.status).toBe('completed');
    expect(fs.readFileSync(result.filePath!).equals(newBody)).toBe(true);
    expect(server.requests().some((r) => r.ifRange === oldEtag)).toBe(false);
  });

  it('continues as one stream when the same file stops being served in ranges', async () => {
    harness = createHarness();
    const added = await startSlow('/no-longer-ranged.bin', {});
    server.setResource('/no-longer-ranged.bin', { body: oldBody, ignoreRangeWith200: true });
    const result = await settled(added.id);
    expect(result.status).toBe('completed');
    expect(fs.readFileSync(result.filePath!).equals(oldBody)).toBe(true);
    expect(result.retries.some((r) => r.error.code === 'RANGE_UNSUPPORTED')).toBe(true);
  });
});
