// A download keeps its name for as long as it exists unfinished in a queue, paused included: a later
// download with the same name (the same URL added again, a `pdl` run in another process, a download
// added after a restart) gets `name (1).ext`, and the paused one resumes into its own file. The
// name is freed when the download completes, is cancelled or removed, or its process quits.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadEngine } from '../../src-main/engine/download-engine';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import {
  createHarness,
  sha256,
  tempDir,
  useTestServer,
  WORKER_DIR,
  type Harness,
} from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

const CLI = path.resolve('out/main/cli.js');
let server: TestServer;
let harness: Harness | undefined;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(2 * 1024 * 1024 + 3, 91);
const bytesServed = () => server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
const ENDED = new Set(['completed', 'failed', 'cancelled']);

/**
 * Downloads about a third of `file` and pauses it. The server stays slow, so a dropped first request
 * of a resume costs little and what was fetched again shows in its log.
 */
async function pausedDownload(h: Harness, file: string): Promise<DownloadSnapshot> {
  server.setResource(file, { body, perConnectionRateBps: 1_000_000 });
  const added = await h.engine.add({ url: server.url(file), connections: 4 });
  await h.downloadedAtLeast(added.id, body.length / 3);
  await h.engine.pause(added.id);
  return h.engine.get(added.id)!;
}

function ended(engine: DownloadEngine, id: string): Promise<DownloadSnapshot> {
  return new Promise((resolve) => {
    const off = engine.on('status-changed', (snapshot) => {
      if (snapshot.id !== id || !ENDED.has(snapshot.status)) return;
      off();
      resolve(snapshot);
    });
  });
}

async function resumeToEnd(engine: DownloadEngine, id: string): Promise<DownloadSnapshot> {
  const end = ended(engine, id);
  await engine.resume(id);
  return end;
}

async function downloadWith(engine: DownloadEngine, url: string): Promise<DownloadSnapshot> {
  const added = await engine.add({ url, allowDuplicate: true });
  return ended(engine, added.id);
}

function pdl(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', resolve));
}

describe('the name of a paused download', () => {
  it('stays its own when the same URL is added again: the copy becomes `file (1).bin`', async () => {
    harness = createHarness();
    const paused = await pausedDownload(harness, '/again/file.bin');
    const copy = await downloadWith(harness.engine, server.url('/again/file.bin'));
    expect(copy.status).toBe('completed');
    expect(copy.filePath).toBe(path.join(harness.dir, 'file (1).bin'));
    expect(sha256(copy.filePath!)).toBe(sha256(body));

    server.reset();
    const resumed = await resumeToEnd(harness.engine, paused.id);
    expect(resumed.filePath).toBe(path.join(harness.dir, 'file.bin'));
    expect(sha256(resumed.filePath!)).toBe(sha256(body));
    // It continued from its own part file: only what was missing was fetched again.
    expect(bytesServed()).toBeLessThan(body.length - paused.downloadedBytes + 256 * 1024);
    expect(fs.readdirSync(harness.dir).sort()).toEqual(['file (1).bin', 'file.bin']);
  });

  it('stays its own while a `pdl` process downloads the same URL into the same folder', async () => {
    harness = createHarness();
    const paused = await pausedDownload(harness, '/cli/file.bin');
    expect(await pdl([server.url('/cli/file.bin'), '-d', harness.dir, '--quiet'])).toBe(0);
    expect(sha256(path.join(harness.dir, 'file (1).bin'))).toBe(sha256(body));

    const resumed = await resumeToEnd(harness.engine, paused.id);
    expect(resumed.filePath).toBe(path.join(harness.dir, 'file.bin'));
    expect(sha256(resumed.filePath!)).toBe(sha256(body));
  });

  it('is taken back after a restart, before any other download can take it', async () => {
    const stateDir = tempDir('pdl-state-');
    harness = createHarness({}, { stateDir });
    const paused = await pausedDownload(harness, '/restart/file.bin');
    await harness.engine.shutdown();
    expect(fs.existsSync(path.join(harness.dir, 'file.bin.part.lock'))).toBe(false);

    const engine = new DownloadEngine({
      workerDir: WORKER_DIR,
      stateDir,
      settings: { directory: harness.dir },
      proxyEnvironment: {},
    });
    try {
      await engine.restore();
      expect(fs.existsSync(path.join(harness.dir, 'file.bin.part.lock'))).toBe(true);
      const copy = await downloadWith(engine, server.url('/restart/file.bin'));
      expect(copy.filePath).toBe(path.join(harness.dir, 'file (1).bin'));
      const resumed = await resumeToEnd(engine, paused.id);
      expect(resumed.filePath).toBe(path.join(harness.dir, 'file.bin'));
      expect(sha256(resumed.filePath!)).toBe(sha256(body));
    } finally {
      await engine.shutdown();
    }
  });

  it('is freed when the download is cancelled, removed or completed', async () => {
    harness = createHarness();
    const cancelled = await pausedDownload(harness, '/cancel/a.bin');
    const removed = await pausedDownload(harness, '/remove/b.bin');
    await harness.engine.cancel(cancelled.id);
    await harness.engine.remove(removed.id, { deleteFile: true });
    const completed = await harness.download({ url: server.url('/cancel/a.bin') });
    expect(completed.filePath).toBe(path.join(harness.dir, 'a.bin'));
    const again = await harness.download({ url: server.url('/remove/b.bin') });
    expect(again.filePath).toBe(path.join(harness.dir, 'b.bin'));
    expect(fs.readdirSync(harness.dir).sort()).toEqual(['a.bin', 'b.bin']);
  });
});

describe('the name of a download that failed its checksum check', () => {
  it('stays its own: a `pdl` run of the same URL starts `file (1).bin`, and a corrected re-check completes it', async () => {
    harness = createHarness();
    server.setResource('/bad/file.bin', { body });
    const wrong = { algorithm: 'sha256' as const, hex: '0'.repeat(64) };
    const added = await harness.engine.add({ url: server.url('/bad/file.bin'), checksums: [wrong] });
    const failed = await ended(harness.engine, added.id);
    expect(failed.error?.code).toBe('INTEGRITY_MISMATCH');
    expect(fs.existsSync(path.join(harness.dir, 'file.bin.part.lock'))).toBe(true);

    // Another process must not take over the failed download's bytes as a run it may resume.
    expect(await pdl([server.url('/bad/file.bin'), '-d', harness.dir, '--quiet'])).toBe(0);
    expect(sha256(path.join(harness.dir, 'file (1).bin'))).toBe(sha256(body));
    expect(fs.existsSync(path.join(harness.dir, 'file.bin'))).toBe(false);

    const checked = new Promise<DownloadSnapshot>((resolve) => {
      const off = harness!.engine.on('status-changed', (snapshot) => {
        if (snapshot.id !== added.id || snapshot.status !== 'completed') return;
        off();
        resolve(snapshot);
      });
    });
    await harness.engine.recheck(added.id, [{ algorithm: 'sha256', hex: sha256(body) }]);
    expect((await checked).filePath).toBe(path.join(harness.dir, 'file.bin'));
    expect(sha256(path.join(harness.dir, 'file.bin'))).toBe(sha256(body));
    expect(fs.existsSync(path.join(harness.dir, 'file.bin.part.lock'))).toBe(false);
  });
});
