// One download's life driven by a fake clock and fake workers, with real files: the job is the only
// writer of its status, a stop is a transition (also mid-probe), an integrity retry is a new run.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddDownloadOptions } from '../../src-shared/download-types';
import { MAX_CONNECTIONS_PER_HOST, RECOVERY_STEP_MS } from '../../src-main/engine/job/host-connections';
import { tempDir } from '../support/engine-harness';
import { answerRanged, fakeJob, takenOver } from '../support/job-harness';
import { makeTestBody } from '../support/test-body';
import { crc32c } from '@node-rs/crc32';

const body = makeTestBody(3000, 5);
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setUp(options: Partial<AddDownloadOptions> = {}, folder?: string) {
  const dir = folder ?? tempDir('pdl-job-');
  dirs.push(dir);
  return fakeJob(dir, options);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('a download job', () => {
  it('pauses in the middle of the first request: the request is aborted and nothing is left running', async () => {
    const { clock, pool, job, statuses } = setUp();
    const run = job.start();
    const probe = await pool.nextTask();
    expect(probe.request.type).toBe('probe');
    await job.pause();
    await run;
    expect(statuses).toEqual(['probing', 'paused']);
    expect(probe.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('pauses during a backoff wait at once, without waiting for the retry', async () => {
    const { clock, pool, job, statuses } = setUp();
    void job.start();
    const probe = await pool.nextTask();
    const unavailable = { code: 'HTTP_STATUS', message: 'HTTP 503', retryable: true, status: 503 } as const;
    pool.fail(probe, { ...unavailable, retryAfterMs: 60_000 });
    await Promise.resolve();
    expect(job.retries).toHaveLength(1);
    await job.pause();
    expect(statuses).toEqual(['probing', 'paused']);
    expect(pool.tasks).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });

  it('completes with the first response taken over as the first chunk', async () => {
    const { pool, job, statuses, reached } = setUp();
    void job.start();
    const probe = await pool.nextTask();
    answerRanged(probe, pool, body.length);
    await takenOver(probe);
    pool.done(probe, body, 0, body.length - 1);
    await reached('completed');
    expect(statuses).toEqual(['probing', 'downloading', 'verifying', 'completed']);
    expect(fs.readFileSync(job.filePath!)).toEqual(body);
    expect(pool.tasks).toHaveLength(1);
  });

  it('retries a checksum mismatch once, as a new run from the first byte', async () => {
    const { pool, job, statuses, reached } = setUp({
      checksums: [{ algorithm: 'sha256', hex: sha256(body) }],
    });
    void job.start();
    const corrupted = Buffer.from(body);
    corrupted[1234] ^= 0xff;
    const first = await pool.nextTask();
    answerRanged(first, pool, body.length);
    await takenOver(first);
    pool.done(first, corrupted, 0, body.length - 1);
    const second = await pool.nextTask();
    expect(second.request.type).toBe('probe');
    answerRanged(second, pool, body.length);
    await takenOver(second);
    pool.done(second, body, 0, body.length - 1);
    await reached('completed');
    expect(statuses).toEqual([
      'probing',
      'downloading',
      'verifying',
      'probing',
      'downloading',
      'verifying',
      'completed',
    ]);
    expect(job.retries).toEqual([
      expect.objectContaining({
        kind: 'file',
        error: expect.objectContaining({ code: 'INTEGRITY_MISMATCH' }),
      }),
    ]);
    expect(fs.readFileSync(job.filePath!)).toEqual(body);
  });

  /** Runs a download whose bytes fail the given (wrong) checksum twice, and leaves it failed. */
  async function failChecksumTwice(setup: ReturnType<typeof setUp>) {
    const { pool, job, reached } = setup;
    void job.start();
    for (let run = 0; run < 2; run++) {
      const probe = await pool.nextTask();
      answerRanged(probe, pool, body.length);
      await takenOver(probe);
      pool.done(probe, body, 0, body.length - 1);
    }
    await reached('failed');
    expect(job.error).toMatchObject({ code: 'INTEGRITY_MISMATCH' });
  }

  it('re-checks the bytes on disk against a corrected checksum and completes without a request', async () => {
    const setup = setUp({ checksums: [{ algorithm: 'sha256', hex: 'ab'.repeat(32) }] });
    const { dir, pool, job, statuses } = setup;
    await failChecksumTwice(setup);
    const requests = pool.tasks.length;
    await job.recheck([{ algorithm: 'sha256', hex: sha256(body) }]);
    expect(job.status).toBe('completed');
    expect(statuses.slice(-2)).toEqual(['verifying', 'completed']);
    expect(pool.tasks).toHaveLength(requests);
    expect(fs.readFileSync(job.filePath!)).toEqual(body);
    expect(fs.readdirSync(dir)).toEqual(['data.bin']);
    expect(job.integrity[0]).toMatchObject({ algorithm: 'sha256', status: 'verified', source: 'user' });
    expect(job.options.checksums).toEqual([{ algorithm: 'sha256', hex: sha256(body) }]);
  });

  it('stays failed with the new mismatch when the corrected checksum is wrong too, keeping the bytes', async () => {
    const setup = setUp({ checksums: [{ algorithm: 'sha256', hex: 'ab'.repeat(32) }] });
    const { dir, pool, job } = setup;
    await failChecksumTwice(setup);
    const requests = pool.tasks.length;
    await job.recheck([{ algorithm: 'md5', hex: 'cd'.repeat(16) }]);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'INTEGRITY_MISMATCH' });
    expect(job.error!.message).toContain('cd'.repeat(16));
    expect(job.integrity[0]).toMatchObject({ algorithm: 'md5', status: 'mismatch' });
    expect(pool.tasks).toHaveLength(requests);
    // Still its name: the lock stays with the bytes.
    expect(fs.readdirSync(dir).sort()).toEqual(['data.bin.part', 'data.bin.part.json', 'data.bin.part.lock']);
  });

  it('re-checks a CRC-32C reference over the whole file', async () => {
    const setup = setUp({ checksums: [{ algorithm: 'sha256', hex: 'ab'.repeat(32) }] });
    await failChecksumTwice(setup);
    const crc = crc32c(body).toString(16).padStart(8, '0');
    await setup.job.recheck([{ algorithm: 'crc32c', hex: crc }]);
    expect(setup.job.status).toBe('completed');
  });

  it('refuses a re-check of a download that did not fail its checksum check', async () => {
    const { job } = setUp();
    expect(() => job.recheck([{ algorithm: 'sha256', hex: sha256(body) }])).toThrow(/re-checked/);
    await job.pause();
    expect(() => job.recheck([{ algorithm: 'sha256', hex: sha256(body) }])).toThrow(/re-checked/);
  });

  it('cancels mid-transfer: requests aborted, the part file and journal removed', async () => {
    const { dir, pool, job, statuses, reached } = setUp();
    const run = job.start();
    const probe = await pool.nextTask();
    answerRanged(probe, pool, body.length);
    await reached('downloading');
    await job.cancel();
    await run;
    expect(statuses).toEqual(['probing', 'downloading', 'cancelled']);
    expect(probe.aborted).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('ignores commands that do not apply to its status', async () => {
    const { job, statuses } = setUp();
    job.resume();
    await job.retry();
    expect(() => job.refreshUrl('http://files.test/other.bin')).toThrow(/paused or failed/);
    expect(statuses).toEqual([]);
    await job.pause();
    job.resume();
    expect(statuses).toEqual(['paused', 'queued']);
  });
  it('shows the host’s connection limit while it is limited, and not once it recovered', async () => {
    const { clock, pool, job, hostLimits } = setUp();
    void job.start();
    const probe = await pool.nextTask();
    answerRanged(probe, pool, body.length);
    await takenOver(probe);
    expect(job.snapshot(clock.now()).hostConnectionLimit).toBeUndefined();
    hostLimits.noteRefusal('files.test', 2);
    expect(job.snapshot(clock.now()).hostConnectionLimit).toBe(2);
    clock.advance(RECOVERY_STEP_MS * MAX_CONNECTIONS_PER_HOST);
    expect(job.snapshot(clock.now()).hostConnectionLimit).toBeUndefined();
    await job.pause();
  });
  it('pauses with a clear error instead of connecting when the folder is unusable', async () => {
    const { pool, job, statuses } = setUp({}, '/proc/pdl-unusable-folder');
    await job.start();
    expect(statuses).toEqual(['probing', 'paused']);
    expect(job.error).toMatchObject({ code: 'FILE_SYSTEM' });
    expect(job.error!.message).toContain('/proc/pdl-unusable-folder');
    expect(pool.tasks).toHaveLength(0);
    await job.cancel();
    expect(job.status).toBe('cancelled');
  });
});
