// While a download prepares its file, its other connections are opened, so their first requests go
// out without a handshake; connections it will not use are never opened, or are given back.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MIN_SPLIT_BYTES } from '../../src-main/engine/engine-settings';
import { tempDir } from '../support/engine-harness';
import { answerRanged, fakeJob, JOB_URL, takenOver } from '../support/job-harness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A job with `connections` connections whose pool logs warm-ups and started tasks in order. */
function setUp(connections: number, allowance?: number) {
  const dir = tempDir('pdl-warm-');
  dirs.push(dir);
  const harness = fakeJob(dir, { connections }, allowance);
  const { pool } = harness;
  const log: string[] = [];
  const warm = pool.warm.bind(pool);
  const start = pool.start.bind(pool);
  pool.warm = (request) => (log.push(`warm ${request.connectionKey}`), warm(request));
  pool.start = (request, listener) => (
    log.push(`${request.type} ${request.connectionKey}`),
    start(request, listener)
  );
  return { ...harness, log };
}

describe('connections opened while the file is prepared', () => {
  it('opens the other connections to the final URL before any range is asked for, and uses them', async () => {
    const { pool, job, log } = setUp(4);
    void job.start();
    const probe = await pool.nextTask();
    answerRanged(probe, pool, 8 * MIN_SPLIT_BYTES);
    await takenOver(probe);
    expect(log.slice(0, 4)).toEqual(['probe j:0', 'warm j:1', 'warm j:2', 'warm j:3']);
    expect(log.slice(4)).toEqual(['range j:1', 'range j:2', 'range j:3']);
    expect(pool.warmed.map((w) => w.url)).toEqual([JOB_URL, JOB_URL, JOB_URL]);
    await job.pause();
  });

  it('opens no more than the plan can keep busy: none for a file too small to split', async () => {
    const warmedFor = async (length: number): Promise<string[]> => {
      const { pool, job } = setUp(4);
      void job.start();
      const probe = await pool.nextTask();
      answerRanged(probe, pool, length);
      await takenOver(probe);
      await job.pause();
      return pool.warmed.map((w) => w.connectionKey);
    };
    expect(await warmedFor(2 * MIN_SPLIT_BYTES - 1)).toEqual([]);
    expect(await warmedFor(2 * MIN_SPLIT_BYTES + MIN_SPLIT_BYTES / 2)).toEqual(['j:1']);
  });

  it('opens no more than the global cap leaves it, and counts them as its own while it probes', async () => {
    const { pool, job } = setUp(8, 3);
    void job.start();
    const probe = await pool.nextTask();
    const counted = new Promise<number>((resolve) => {
      const warm = pool.warm.bind(pool);
      pool.warm = (request) => {
        warm(request);
        // Read once the last one is opened, as another download deciding at that moment would.
        if (request.connectionKey === 'j:2') queueMicrotask(() => resolve(job.connections));
      };
    });
    answerRanged(probe, pool, 8 * MIN_SPLIT_BYTES);
    expect(await counted).toBe(3);
    expect(job.status).toBe('probing');
    expect(pool.warmed.map((w) => w.connectionKey)).toEqual(['j:1', 'j:2']);
    await takenOver(probe);
    await job.pause();
  });

  it('gives them back when the file cannot be prepared', async () => {
    const { pool, job, reached } = setUp(4);
    void job.start();
    const probe = await pool.nextTask();
    // More than any disk holds: the free-space check refuses it after the connections were opened.
    answerRanged(probe, pool, 2 ** 52);
    await reached('paused');
    expect(job.error).toMatchObject({ code: 'NOT_ENOUGH_SPACE' });
    expect(pool.warmed.map((w) => w.connectionKey)).toEqual(['j:1', 'j:2', 'j:3']);
    expect(pool.released).toEqual(expect.arrayContaining(['j:1', 'j:2', 'j:3']));
  });
});
