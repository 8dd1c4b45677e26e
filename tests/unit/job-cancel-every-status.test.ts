// Cancel works in every status of the transition table: each status is reached with a fake clock and
// fake workers (real files), cancelled, and the download's files are checked. Completed and cancelled
// downloads ignore it and keep what they have.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddDownloadOptions, DownloadStatus } from '../../src-shared/download-types';
import { accepts, ALL_STATUSES } from '../../src-main/engine/job/job-status';
import { tempDir } from '../support/engine-harness';
import type { FakeTask } from '../support/fake-task-pool';
import { answerRanged, fakeJob, takenOver } from '../support/job-harness';
import { makeTestBody } from '../support/test-body';

const body = makeTestBody(3000, 9);
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setUp(options: Partial<AddDownloadOptions> = {}) {
  const dir = tempDir('pdl-cancel-');
  dirs.push(dir);
  return fakeJob(dir, options);
}

type Setup = ReturnType<typeof setUp>;

async function downloading({ job, pool, reached }: Setup): Promise<FakeTask> {
  void job.start();
  const probe = await pool.nextTask();
  answerRanged(probe, pool, body.length);
  await reached('downloading');
  await takenOver(probe);
  return probe;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** How to bring a fresh job into each status, and what its folder holds once cancel did its work. */
const REACH: Record<DownloadStatus, { how: string; to: (setup: Setup) => Promise<void>; left: string[] }> = {
  queued: { how: 'in the queue', to: async () => undefined, left: [] },
  probing: {
    how: 'waiting for its first response',
    to: async ({ job, pool }) => {
      void job.start();
      await pool.nextTask();
    },
    left: [],
  },
  downloading: { how: 'while it transfers', to: async (setup) => void (await downloading(setup)), left: [] },
  paused: {
    how: 'paused with its part file on disk',
    to: async (setup) => {
      await downloading(setup);
      await setup.job.pause();
      // A paused download keeps its name locked while it waits.
      expect(fs.readdirSync(setup.dir).sort()).toEqual([
        'data.bin.part',
        'data.bin.part.json',
        'data.bin.part.lock',
      ]);
    },
    left: [],
  },
  verifying: {
    how: 'while it verifies the last byte',
    to: async (setup) => {
      const probe = await downloading(setup);
      const verifying = setup.reached('verifying');
      setup.pool.done(probe, body, 0, body.length - 1);
      await verifying;
    },
    left: [],
  },
  failed: {
    how: 'that failed its checksum check, its bytes on disk',
    to: async (setup) => {
      void setup.job.start();
      for (let run = 0; run < 2; run++) {
        const probe = await setup.pool.nextTask();
        answerRanged(probe, setup.pool, body.length);
        await takenOver(probe);
        setup.pool.done(probe, body, 0, body.length - 1);
      }
      await setup.reached('failed');
      // Failed but unfinished, it keeps its name as a paused download does.
      expect(fs.readdirSync(setup.dir).sort()).toEqual([
        'data.bin.part',
        'data.bin.part.json',
        'data.bin.part.lock',
      ]);
    },
    left: [],
  },
  completed: {
    how: 'that completed, keeping its file',
    to: async (setup) => {
      const probe = await downloading(setup);
      setup.pool.done(probe, body, 0, body.length - 1);
      await setup.reached('completed');
    },
    left: ['data.bin'],
  },
  cancelled: { how: 'already cancelled', to: async ({ job }) => job.cancel(), left: [] },
};

describe('cancelling a download', () => {
  for (const status of ALL_STATUSES) {
    const { how, to, left } = REACH[status];
    const cancels = accepts('cancel', status);
    it(`${cancels ? 'cancels' : 'leaves alone'} a download ${how} (${status})`, async () => {
      const setup = setUp(
        status === 'failed' ? { checksums: [{ algorithm: 'sha256', hex: 'ab'.repeat(32) }] } : {},
      );
      await to(setup);
      expect(setup.job.status).toBe(status);
      await setup.job.cancel();
      expect(setup.job.status).toBe(cancels ? 'cancelled' : status);
      expect(fs.readdirSync(setup.dir)).toEqual(left);
      expect(setup.pool.open()).toEqual([]);
      if (status === 'completed') expect(sha256(fs.readFileSync(setup.job.filePath!))).toBe(sha256(body));
    });
  }

  it('cancels during a backoff wait of the first request at once, with no timer left', async () => {
    const { clock, pool, job, dir } = setUp();
    void job.start();
    const probe = await pool.nextTask();
    pool.fail(probe, {
      code: 'HTTP_STATUS',
      message: 'HTTP 503',
      retryable: true,
      status: 503,
      retryAfterMs: 60_000,
    });
    await Promise.resolve();
    expect(job.retries).toHaveLength(1);
    await job.cancel();
    expect(job.status).toBe('cancelled');
    expect(clock.pending()).toBe(0);
    expect(pool.tasks).toHaveLength(1);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('cancels a download whose chunk waits to retry at once, and no request follows when the wait ends', async () => {
    const setup = setUp();
    const probe = await downloading(setup);
    setup.pool.fail(probe, { code: 'NETWORK', message: 'network error: ECONNRESET', retryable: true }, 1000);
    await expect.poll(() => setup.job.snapshot(setup.clock.now()).chunks[0]?.status).toBe('retry-wait');
    await setup.job.cancel();
    expect(setup.job.status).toBe('cancelled');
    expect(fs.readdirSync(setup.dir)).toEqual([]);
    const requests = setup.pool.tasks.length;
    setup.clock.advance(60_000);
    expect(setup.pool.tasks).toHaveLength(requests);
    expect(setup.pool.open()).toEqual([]);
    expect(setup.job.status).toBe('cancelled');
  });

  it('lets a cancelled download start again from the first byte', async () => {
    const setup = setUp();
    await downloading(setup);
    await setup.job.cancel();
    await setup.job.retry();
    expect(setup.job.status).toBe('queued');
    const probe = await downloading(setup);
    expect(probe.request).toMatchObject({ type: 'probe' });
    setup.pool.done(probe, body, 0, body.length - 1);
    await setup.reached('completed');
    expect(fs.readFileSync(setup.job.filePath!)).toEqual(body);
  });
});
