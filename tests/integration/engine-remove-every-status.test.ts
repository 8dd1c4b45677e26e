// Remove works in every status a user can see, through the real engine against the local server: the
// download leaves the list (with a `removed` event), its part file and journal go, and a completed
// file stays unless the user asked to delete it too.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(4 * 1024 * 1024, 17);
const SLOW = { body, perConnectionRateBps: 200_000 };

async function added(url: string, extra: object = {}): Promise<DownloadSnapshot> {
  return harness.engine.add({ url: server.url(url), connections: 2, ...extra });
}

function statusOf(status: DownloadStatus) {
  return (d: DownloadSnapshot) => d.status === status;
}

/** Removes the download and checks it is gone from the list and announced as removed. */
async function removeAndCheck(id: string, deleteFile = false): Promise<void> {
  const removed: string[] = [];
  const off = harness.engine.on('removed', ({ ids }) => removed.push(...ids));
  await harness.engine.remove(id, { deleteFile });
  off();
  expect(removed).toEqual([id]);
  expect(harness.engine.get(id)).toBeUndefined();
  expect(harness.engine.list().map((d) => d.id)).not.toContain(id);
}

const filesIn = (dir: string) => fs.readdirSync(dir).sort();

describe('removing a download', () => {
  it('removes one waiting in the queue behind another, which carries on', async () => {
    harness = createHarness({ maxConcurrentDownloads: 1 });
    server.setResource('/waiting.bin', SLOW);
    server.setResource('/blocker.bin', SLOW);
    const blocker = await added('/blocker.bin');
    const waiting = await added('/waiting.bin');
    expect(harness.engine.get(waiting.id)!.status).toBe('queued');
    await removeAndCheck(waiting.id);
    expect(server.requests().some((r) => r.path === '/waiting.bin')).toBe(false);
    expect(['probing', 'downloading']).toContain(harness.engine.get(blocker.id)!.status);
    expect(filesIn(harness.dir).filter((name) => name.startsWith('waiting'))).toEqual([]);
  });

  it('removes one waiting for its first response: the request ends and nothing is written', async () => {
    harness = createHarness();
    server.setResource('/stalled.bin', { body, faults: { stallBeforeHeadersMs: { ms: 20_000 } } });
    const download = await added('/stalled.bin');
    await harness.waitFor(download.id, statusOf('probing'));
    await removeAndCheck(download.id);
    expect(filesIn(harness.dir)).toEqual([]);
  });

  it('removes one while it transfers: its part file and journal go', async () => {
    harness = createHarness();
    server.setResource('/moving.bin', SLOW);
    const download = await added('/moving.bin');
    await harness.downloadedAtLeast(download.id, 64 * 1024);
    await removeAndCheck(download.id);
    expect(filesIn(harness.dir)).toEqual([]);
  });

  it('removes a paused one with data on disk', async () => {
    harness = createHarness();
    server.setResource('/paused.bin', SLOW);
    const download = await added('/paused.bin');
    await harness.downloadedAtLeast(download.id, 64 * 1024);
    await harness.engine.pause(download.id);
    // A paused download keeps its name locked while it waits.
    expect(filesIn(harness.dir)).toEqual(['paused.bin.part', 'paused.bin.part.json', 'paused.bin.part.lock']);
    await removeAndCheck(download.id);
    expect(filesIn(harness.dir)).toEqual([]);
  });

  it('removes a failed one: a 404, and a checksum mismatch with its bytes on disk', async () => {
    harness = createHarness();
    server.setResource('/wrong-sum.bin', { body: makeTestBody(256 * 1024, 5) });
    const missing = await harness.download({ url: server.url('/missing.bin') });
    expect(missing.status).toBe('failed');
    await removeAndCheck(missing.id);
    const mismatch = await harness.download({
      url: server.url('/wrong-sum.bin'),
      checksums: [{ algorithm: 'sha256', hex: 'ab'.repeat(32) }],
    });
    expect(mismatch.status).toBe('failed');
    // It keeps its name (the lock) as long as it is in the queue.
    expect(filesIn(harness.dir)).toEqual([
      'wrong-sum.bin.part',
      'wrong-sum.bin.part.json',
      'wrong-sum.bin.part.lock',
    ]);
    await removeAndCheck(mismatch.id);
    expect(filesIn(harness.dir)).toEqual([]);
  });

  it('removes a completed one, keeping its file unless asked to delete it', async () => {
    harness = createHarness();
    server.setResource('/kept.bin', { body: makeTestBody(256 * 1024, 6) });
    server.setResource('/deleted.bin', { body: makeTestBody(256 * 1024, 7) });
    const kept = await harness.download({ url: server.url('/kept.bin') });
    await removeAndCheck(kept.id, false);
    expect(sha256(path.join(harness.dir, 'kept.bin'))).toBe(sha256(makeTestBody(256 * 1024, 6)));
    const deleted = await harness.download({ url: server.url('/deleted.bin') });
    await removeAndCheck(deleted.id, true);
    expect(filesIn(harness.dir)).toEqual(['kept.bin']);
  });

  it('removes a cancelled one', async () => {
    harness = createHarness();
    server.setResource('/cancelled.bin', SLOW);
    const download = await added('/cancelled.bin');
    await harness.downloadedAtLeast(download.id, 64 * 1024);
    await harness.engine.cancel(download.id);
    expect(harness.engine.get(download.id)!.status).toBe('cancelled');
    await removeAndCheck(download.id);
    expect(filesIn(harness.dir)).toEqual([]);
  });
});
