// A server whose Content-Range keeps lying: once the retry policy's threshold is reached, the first
// response (still streaming from byte 0) is asked to run on to the end of the file and the other
// requests stop; when it is already gone, the run ends for the job to fetch the file whole.
import { describe, expect, it } from 'vitest';
import type { RetryRecord } from '../../src-shared/download-types';
import type { FirstResponse } from '../../src-main/engine/fetch/first-request';
import { DEFAULT_RETRY_POLICY } from '../../src-main/engine/fetch/retry-policy';
import type { TaskListener } from '../../src-main/engine/fetch/worker-pool';
import type { FakeTask, FakeTaskPool } from '../support/fake-task-pool';
import { fakeTransfer, MIB, TEST_TIMEOUTS, TRANSFER_URL } from '../support/transfer-harness';

const TOTAL = 4 * MIB;
const LIE = {
  code: 'CONTENT_RANGE_MISMATCH',
  message: 'asked for bytes 1048576-2097151, got Content-Range "bytes */4194304"',
  retryable: true,
  status: 206,
} as const;

function setUp() {
  const retries: RetryRecord[] = [];
  const { clock, pool, scheduler, transfer } = fakeTransfer({
    chunkCount: 4,
    connections: 4,
    maxRetries: 8,
    setup: { onRetry: (record) => retries.push(record) },
  });
  // The probe's body, handed over as the first chunk the way FirstRequest does it.
  let sink: TaskListener | undefined;
  const taskId = pool.start(
    {
      type: 'probe',
      connectionKey: 'd:0',
      url: TRANSFER_URL,
      timeouts: TEST_TIMEOUTS,
      extraHeaders: {},
      maxRedirects: 10,
    },
    (message) => sink?.(message),
  );
  const response: FirstResponse = {
    meta: { status: 206, finalUrl: TRANSFER_URL, headers: {} },
    taskId,
    takeOver: (fd, end, to) => {
      sink = to;
      pool.send({ type: 'continue', taskId, fd, end });
    },
    abandon: () => pool.send({ type: 'abort', taskId }),
  };
  const outcome = transfer.run({ response, chunk: scheduler.all()[0]! });
  const first = pool.task(taskId);
  const others = pool.open().filter((task) => task !== first);
  return { clock, pool, scheduler, transfer, outcome, first, others, retries };
}

function lie(pool: FakeTaskPool, tasks: FakeTask[]): void {
  for (const task of tasks) pool.fail(task, LIE, -1);
}

describe('a transfer from a server that lies about ranges', () => {
  it('lets the first response run on to the end of the file and stops the other requests', async () => {
    const { pool, scheduler, outcome, first, others, retries, clock } = setUp();
    expect(others).toHaveLength(3);
    lie(pool, others.slice(0, 2));
    expect(first.grows).toEqual([]);
    lie(pool, others.slice(2));
    expect(first.grows).toEqual([TOTAL - 1]);
    pool.growResult(first, true);
    expect(scheduler.all().map((c) => [c.start, c.end, c.status])).toEqual([[0, TOTAL - 1, 'active']]);
    expect(retries.at(-1)!.error).toMatchObject({ code: 'RANGE_UNSUPPORTED' });
    // No new request and no split while the one stream runs, however long it takes.
    const started = pool.tasks.length;
    clock.advance(60_000);
    expect(pool.tasks).toHaveLength(started);
    expect(first.shrinks).toEqual([]);
    pool.complete(first, TOTAL);
    await expect(outcome).resolves.toEqual({ kind: 'complete' });
  });

  it('aborts requests still in flight when the threshold is reached, and ignores their endings', async () => {
    const { pool, scheduler, outcome, first, others, clock } = setUp();
    lie(pool, others.slice(0, 2));
    // The third chunk's retry is already in flight when the last lie arrives.
    clock.advance(DEFAULT_RETRY_POLICY.backoff.maxMs);
    const retry = pool.open().find((task) => task !== first && task !== others[2])!;
    lie(pool, [others[2]!]);
    expect(retry.aborted).toBe(true);
    pool.growResult(first, true);
    expect(scheduler.all()).toHaveLength(1);
    pool.complete(first, TOTAL);
    await expect(outcome).resolves.toEqual({ kind: 'complete' });
  });

  it('ends the run for a whole-file fetch when the first response cannot run on', async () => {
    const { pool, outcome, first, others } = setUp();
    lie(pool, others);
    pool.growResult(first, false);
    await expect(outcome).resolves.toEqual({ kind: 'range-unsupported' });
  });

  it('ends the run for a whole-file fetch when the first response ends before it is asked', async () => {
    const { pool, outcome, first, others } = setUp();
    pool.complete(first, MIB);
    lie(pool, others);
    expect(first.grows).toEqual([]);
    await expect(outcome).resolves.toEqual({ kind: 'range-unsupported' });
  });

  it('ends the run for a whole-file fetch when the first response ends while asked to run on', async () => {
    const { pool, outcome, first, others } = setUp();
    lie(pool, others);
    pool.complete(first, MIB);
    await expect(outcome).resolves.toEqual({ kind: 'range-unsupported' });
  });
});
