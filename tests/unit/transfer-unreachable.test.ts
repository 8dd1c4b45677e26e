// A server that goes down in the middle of a download: the chunks wait for it together, within the
// window the settings give and without spending the retry budget; the clock and workers are fakes.
import { describe, expect, it } from 'vitest';
import { retryPolicyFor } from '../../src-main/engine/fetch/retry-policy';
import { Transfer } from '../../src-main/engine/job/transfer';
import { ChunkScheduler } from '../../src-main/engine/plan/chunk-scheduler';
import { FakeClock } from '../support/fake-clock';
import { FakeTaskPool } from '../support/fake-task-pool';

const MIB = 1024 * 1024;
const REFUSED = {
  code: 'UNREACHABLE',
  message: 'the server 127.0.0.1:9 refused the connection (ECONNREFUSED)',
  retryable: true,
} as const;

function setUp(chunkCount: number, connections: number, waitForServerSeconds: number) {
  const clock = new FakeClock();
  const pool = new FakeTaskPool();
  const ranges = Array.from({ length: chunkCount }, (_, i) => ({
    start: i * MIB,
    end: (i + 1) * MIB - 1,
    written: 0,
    crc: 0,
  }));
  // No ordinary retries at all: only the window can keep the download alive.
  const scheduler = new ChunkScheduler(ranges, 64 * 1024, 0);
  const transfer = new Transfer({
    downloadId: 'd',
    url: 'http://127.0.0.1:9/f.bin',
    fd: -1,
    rangeSupported: true,
    expect: { totalBytes: chunkCount * MIB },
    connections,
    timeouts: { connectMs: 1000, headersMs: 1000, idleMs: 1000 },
    extraHeaders: {},
    credentialsOrigin: 'http://127.0.0.1:9',
    scheduler,
    pool,
    clock,
    retry: retryPolicyFor({ maxRetries: 0, waitForServerSeconds }),
    hostLimit: () => undefined,
    onRefused: () => undefined,
    onProgress: () => undefined,
    onRetry: () => undefined,
  });
  return { clock, pool, scheduler, transfer };
}

describe('a transfer whose server goes down', () => {
  it('waits for it with every connection trying again together, then completes', async () => {
    const { clock, pool, scheduler, transfer } = setUp(4, 2, 60);
    const outcome = transfer.run();
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const task of pool.open()) pool.fail(task, REFUSED);
      const waiting = scheduler.snapshot(clock.now()).filter((c) => c.status === 'retry-wait');
      expect(waiting).toHaveLength(2);
      // Both connections try again at one announced time; the other chunks are not tried meanwhile.
      const next = waiting[0]!.nextAttemptAt!;
      expect(waiting[1]!.nextAttemptAt).toBe(next);
      waits.push(next - clock.now());
      clock.advance(next - clock.now() - 1);
      expect(pool.open()).toHaveLength(0);
      clock.advance(2);
      expect(pool.open()).toHaveLength(2);
    }
    // The waits double: each one is as long as the server has been down (attempts start 1 ms late).
    expect(waits).toEqual([500, 501, 1_003, 2_007]);
    for (let round = 0; round < 4 && pool.open().length > 0; round++) {
      for (const task of pool.open()) {
        const request = task.request;
        if (request.type !== 'range') throw new Error('not a range task');
        pool.complete(task, request.end + 1);
      }
    }
    await expect(outcome).resolves.toEqual({ kind: 'complete' });
  });

  it('fails with the final sentence once the window is over', async () => {
    const { clock, pool, transfer } = setUp(2, 1, 2);
    const outcome = transfer.run();
    for (let i = 0; i < 10 && pool.open().length > 0; i++) {
      pool.fail(pool.open()[0]!, REFUSED);
      clock.advance(2_000);
    }
    await expect(outcome).resolves.toMatchObject({
      kind: 'failed',
      error: {
        code: 'UNREACHABLE',
        message: expect.stringMatching(/still unreachable after trying for 2 s/),
      },
    });
  });
});
