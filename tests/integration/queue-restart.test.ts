// The persisted queue after a restart: a completed and a paused download keep their size, bytes done,
// final path, integrity results, finish time, average speed and chunk plan.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadEngine } from '../../src-main/engine/download-engine';
import {
  createHarness,
  sha256,
  tempDir,
  useTestServer,
  WORKER_DIR,
  type Harness,
} from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

const MIB = 1024 * 1024;
let server: TestServer;
let harness: Harness | undefined;
let restarted: DownloadEngine | undefined;
useTestServer(
  (started) => (server = started),
  () => harness,
);

async function restart(stateDir: string, directory: string): Promise<DownloadEngine> {
  restarted = new DownloadEngine({ workerDir: WORKER_DIR, stateDir, settings: { directory } });
  await restarted.restore();
  return restarted;
}

describe('the queue after a restart', () => {
  it('keeps size, bytes done, results, finish time and chunk plan of completed and paused downloads', async () => {
    const stateDir = tempDir('pdl-state-');
    const done = makeTestBody(8 * MIB, 3);
    const slow = makeTestBody(4 * MIB, 4);
    server.setResource('/done.bin', { body: done });
    server.setResource('/slow.bin', { body: slow, perConnectionRateBps: 1_000_000 });
    harness = createHarness({}, { stateDir });
    const completed = await harness.download({ url: server.url('/done.bin'), connections: 4 });
    expect(completed.status).toBe('completed');
    const added = await harness.engine.add({ url: server.url('/slow.bin'), connections: 4 });
    await harness.downloadedAtLeast(added.id, MIB);
    await harness.engine.pause(added.id);
    const paused = harness.engine.get(added.id)!;
    await harness.engine.shutdown();

    try {
      const engine = await restart(stateDir, harness.dir);
      const [finished, waiting] = engine.list();
      expect(finished).toMatchObject({
        status: 'completed',
        totalBytes: done.length,
        downloadedBytes: done.length,
        filePath: path.join(harness.dir, 'done.bin'),
        completedAt: completed.completedAt,
        integrity: completed.integrity,
      });
      expect(finished!.averageSpeedBps).toBeGreaterThan(0);
      expect(finished!.chunks.every((chunk) => chunk.status === 'done')).toBe(true);
      expect(sha256(finished!.filePath!)).toBe(sha256(done));

      expect(waiting).toMatchObject({
        status: 'paused',
        totalBytes: slow.length,
        downloadedBytes: paused.downloadedBytes,
        rangeSupported: true,
      });
      expect(waiting!.chunks.map(({ start, end, written }) => ({ start, end, written }))).toEqual(
        paused.chunks.map(({ start, end, written }) => ({ start, end, written })),
      );

      // The record only stands in until a new run: resuming continues to a byte-identical file.
      await engine.resume(waiting!.id);
      const resumed = await new Promise<string>((resolve) => {
        engine.on(
          'status-changed',
          (d) => d.id === waiting!.id && d.status === 'completed' && resolve(d.filePath!),
        );
      });
      expect(sha256(resumed)).toBe(sha256(slow));
    } finally {
      await restarted?.shutdown();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('drops a recorded progress that does not add up instead of showing it', async () => {
    const stateDir = tempDir('pdl-state-');
    const directory = tempDir();
    const record = {
      id: 'x',
      options: { url: 'http://127.0.0.1:9/x.bin' },
      directory,
      createdAt: 1,
      status: 'paused',
      progress: { downloadedBytes: 500, totalBytes: 100, chunks: [], activeMs: 10 },
    };
    fs.writeFileSync(path.join(stateDir, 'queue.json'), JSON.stringify({ version: 1, downloads: [record] }));
    try {
      const engine = await restart(stateDir, directory);
      expect(engine.get('x')).toMatchObject({ status: 'paused', downloadedBytes: 0, chunks: [] });
      expect(engine.get('x')!.totalBytes).toBeUndefined();
    } finally {
      await restarted?.shutdown();
      fs.rmSync(stateDir, { recursive: true, force: true });
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
