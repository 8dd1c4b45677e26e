// A run's transfer driven by a fake clock and fake workers: what it asks the workers to do, and
// when, without real time or sockets.
import { describe, expect, it } from 'vitest';
import { HostConnectionLimits, RECOVERY_STEP_MS } from '../../src-main/engine/job/host-connections';
import { REBALANCE_INTERVAL_MS, type TransferOutcome } from '../../src-main/engine/job/transfer';
import { MEASURE_GRACE_MS, type ChunkScheduler } from '../../src-main/engine/plan/chunk-scheduler';
import { FakeClock } from '../support/fake-clock';
import type { FakeTask, FakeTaskPool } from '../support/fake-task-pool';
import { fakeTransfer } from '../support/transfer-harness';

const HOST = 'files.test';

function setUp(chunkCount: number, connections: number) {
  const clock = new FakeClock();
  const limits = new HostConnectionLimits(clock);
  const budget = limits.budgetFor(HOST, connections, () => 64);
  const { pool, scheduler, transfer } = fakeTransfer({
    chunkCount,
    connections,
    maxRetries: 3,
    clock,
    setup: {
      url: `http://${HOST}/f.bin`,
      hostLimit: () => budget.hostLimit(),
      onRefused: (working) => budget.noteRefusal(working),
    },
  });
  return { clock, pool, limits, scheduler, transfer };
}

/** Reports a task done without touching a file (these tests look at scheduling only). */
function finish(pool: FakeTaskPool, task: FakeTask, scheduler: ChunkScheduler): void {
  const request = task.request;
  if (request.type !== 'range') throw new Error('not a range task');
  const chunk = scheduler.all().find((c) => c.start === request.start)!;
  pool.complete(task, chunk.end + 1);
}

const refused = { code: 'HTTP_STATUS', message: 'HTTP 503', retryable: true, status: 503 } as const;
const serverError = { code: 'HTTP_STATUS', message: 'HTTP 500', retryable: true, status: 500 } as const;

describe('a transfer', () => {
  it('starts one request per connection and completes when every chunk is done', async () => {
    const { pool, scheduler, transfer } = setUp(3, 2);
    const outcome = transfer.run();
    expect(pool.open()).toHaveLength(2);
    finish(pool, pool.open()[0]!, scheduler);
    expect(pool.open()).toHaveLength(2);
    for (const task of pool.open()) finish(pool, task, scheduler);
    await expect(outcome).resolves.toEqual({ kind: 'complete' });
  });

  it('stops cleanly while a shrink is pending: every request aborted, nothing new started', async () => {
    const { clock, pool, scheduler, transfer } = setUp(2, 2);
    const outcome = transfer.run();
    const [first, second] = pool.open();
    clock.advance(MEASURE_GRACE_MS);
    finish(pool, second!, scheduler);
    // The free connection asked the straggler to shrink so it can take over its tail.
    expect(first!.shrinks).toHaveLength(1);
    const started = pool.tasks.length;
    const stopped: Promise<TransferOutcome> = transfer.stop();
    pool.shrinkResult(first!, true);
    await expect(stopped).resolves.toEqual({ kind: 'stopped' });
    await expect(outcome).resolves.toEqual({ kind: 'stopped' });
    expect(first!.aborted).toBe(true);
    clock.advance(10 * REBALANCE_INTERVAL_MS);
    expect(pool.tasks).toHaveLength(started);
    expect(clock.pending()).toBe(0);
  });

  it('leaves no wake-up timer behind when stopped while a chunk waits to be retried', async () => {
    const { clock, pool, transfer } = setUp(2, 1);
    const outcome = transfer.run();
    pool.fail(pool.open()[0]!, serverError);
    // The chunk waits for its next attempt; that wait alone must not keep a process alive.
    expect(clock.pending()).toBeGreaterThan(1);
    expect(clock.keepingAlive()).toBe(0);
    await transfer.stop();
    await expect(outcome).resolves.toEqual({ kind: 'stopped' });
    expect(clock.pending()).toBe(0);
  });

  it('uses fewer connections when the host refuses extra ones, and more again as the limit recovers', async () => {
    const { clock, pool, limits, scheduler, transfer } = setUp(8, 4);
    const outcome = transfer.run();
    const [a, b, c, d] = pool.open();
    pool.fail(d!, refused);
    pool.fail(c!, refused);
    expect(limits.limitFor(HOST)).toBe(2);
    clock.advance(REBALANCE_INTERVAL_MS);
    expect(pool.open()).toEqual([a, b]);
    // Refusals do not use up a chunk's retries.
    expect(scheduler.firstFailure()).toBeUndefined();
    clock.advance(RECOVERY_STEP_MS);
    expect(limits.limitFor(HOST)).toBe(3);
    expect(pool.open()).toHaveLength(3);
    for (let round = 0; round < 10 && pool.open().length > 0; round++) {
      for (const task of pool.open()) finish(pool, task, scheduler);
      clock.advance(REBALANCE_INTERVAL_MS);
    }
    await expect(outcome).resolves.toEqual({ kind: 'complete' });
  });

  it('ends the whole run on a failure retrying cannot fix', async () => {
    const { pool, transfer } = setUp(2, 2);
    const outcome = transfer.run();
    pool.fail(pool.open()[0]!, { code: 'DISK_FULL', message: 'the disk is full', retryable: false });
    await expect(outcome).resolves.toMatchObject({ kind: 'failed', error: { code: 'DISK_FULL' } });
  });
});
