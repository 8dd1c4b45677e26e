// The engine enforces the queue's schedule on its injected clock: nothing starts before the start
// time, and at the stop time running downloads go back to the queue with their bytes kept.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';
import { DownloadEngine } from '../../src-main/engine/download-engine';
import { tempDir, useTestServer, WORKER_DIR } from '../support/engine-harness';
import { FakeClock } from '../support/fake-clock';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let engine: DownloadEngine | undefined;
let dir: string | undefined;
useTestServer(
  (started) => (server = started),
  () => undefined,
);
afterEach(async () => {
  await engine?.shutdown();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Milliseconds from the fake clock's now until the local clock next shows `hh:mm`. */
function msUntil(clock: FakeClock, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const now = new Date(clock.now());
  let at = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m).getTime();
  if (at <= clock.now()) at = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, h, m).getTime();
  return at - clock.now();
}

function reaches(id: string, status: DownloadStatus): Promise<DownloadSnapshot> {
  return new Promise((resolve) => {
    const off = engine!.on('status-changed', (d) => {
      if (d.id === id && d.status === status) {
        off();
        resolve(d);
      }
    });
  });
}

describe('the scheduled queue', () => {
  it('starts nothing before the start time, and stops running downloads at the stop time', async () => {
    const clock = new FakeClock();
    const startAt = new Date(clock.now() + 60 * 60_000);
    const hhmm = (d: Date) =>
      `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    dir = tempDir();
    engine = new DownloadEngine({
      workerDir: WORKER_DIR,
      clock,
      settings: {
        directory: dir,
        queueStartAt: hhmm(startAt),
        queueStopAt: hhmm(new Date(startAt.getTime() + 60 * 60_000)),
      },
    });
    server.setResource('/night.bin', {
      body: makeTestBody(4 * 1024 * 1024, 8),
      perConnectionRateBps: 256 * 1024,
    });
    const added = await engine.add({ url: server.url('/night.bin'), connections: 2 });
    expect(engine.get(added.id)!.status).toBe('queued');
    clock.advance(msUntil(clock, hhmm(startAt)) - 60_000);
    expect(engine.get(added.id)!.status).toBe('queued');
    expect(server.requests()).toHaveLength(0);

    const downloading = reaches(added.id, 'downloading');
    clock.advance(60_000);
    await downloading;

    const stopped = reaches(added.id, 'queued');
    clock.advance(60 * 60_000);
    await stopped;
    const held = engine.get(added.id)!;
    expect(held.status).toBe('queued');
    expect(fs.readdirSync(dir)).toContain('night.bin.part');
  });
});
