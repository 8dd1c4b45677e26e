// A server that goes down in the middle of a download: the chunks wait for it together, within the
// window the settings give and without spending the retry budget; the clock and workers are fakes.
import { describe, expect, it } from 'vitest';
import { retryPolicyFor } from '../../src-main/engine/fetch/retry-policy';
import { fakeTransfer } from '../support/transfer-harness';

const REFUSED = {
  code: 'UNREACHABLE',
  message: 'the server 127.0.0.1:9 refused the connection (ECONNREFUSED)',
  retryable: true,
} as const;

function setUp(chunkCount: number, connections: number, waitForServerSeconds: number) {
  return fakeTransfer({
    chunkCount,
    connections,
    // No ordinary retries at all: only the window can keep the download alive.
    maxRetries: 0,
    retry: retryPolicyFor({ maxRetries: 0, waitForServerSeconds }),
    setup: { url: 'http://127.0.0.1:9/f.bin' },
  });
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

describe('a connection refused while the server serves another one', () => {
  function started() {
    const refusals: number[] = [];
    const t = fakeTransfer({
      chunkCount: 4,
      connections: 2,
      maxRetries: 0,
      retry: retryPolicyFor({ maxRetries: 0, waitForServerSeconds: 60 }),
      setup: { url: 'http://127.0.0.1:9/f.bin', onRefused: (working) => refusals.push(working) },
    });
    void t.transfer.run();
    const [serving, refused] = t.pool.open();
    serving!.listener({ type: 'progress', taskId: serving!.id, position: 64 * 1024, crc: 0 });
    return { ...t, refusals, refused: refused! };
  }

  it("is read as the server's cap: the download goes on with the connection that works", () => {
    const { pool, refusals, refused, scheduler, clock } = started();
    pool.fail(refused, REFUSED);
    expect(refusals).toEqual([1]);
    // Nothing waits as for an outage.
    expect(scheduler.snapshot(clock.now()).some((c) => c.status === 'retry-wait')).toBe(false);
  });

  it('is an outage again once the server has answered nobody for a while', () => {
    const { pool, refusals, refused, scheduler, clock } = started();
    clock.advance(1_000);
    pool.fail(refused, REFUSED);
    expect(refusals).toEqual([]);
    expect(scheduler.snapshot(clock.now()).filter((c) => c.status === 'retry-wait')).toHaveLength(1);
  });
});
