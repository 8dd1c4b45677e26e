// The first request to a server that is down: tried again, with growing waits, for the window the
// settings give, without spending the retry budget; the clock and the workers are fakes.
import { isChunkRetry } from '../../src-shared/download-types';
import { describe, expect, it } from 'vitest';
import type { RetryRecord } from '../../src-shared/download-types';
import { FirstRequest } from '../../src-main/engine/fetch/first-request';
import { retryPolicyFor } from '../../src-main/engine/fetch/retry-policy';
import { FakeClock } from '../support/fake-clock';
import { FakeTaskPool } from '../support/fake-task-pool';

const REFUSED = {
  code: 'UNREACHABLE',
  message: 'the server 127.0.0.1:9 refused the connection (ECONNREFUSED)',
  retryable: true,
} as const;

function setUp(waitForServerSeconds: number, maxRetries = 0) {
  const clock = new FakeClock();
  const pool = new FakeTaskPool();
  const retries: RetryRecord[] = [];
  const request = new FirstRequest({
    pool,
    clock,
    connectionKey: 'd:0',
    url: 'http://127.0.0.1:9/f.bin',
    extraHeaders: {},
    proxy: () => undefined,
    timeouts: { connectMs: 1000, headersMs: 1000, idleMs: 1000 },
    retry: retryPolicyFor({ maxRetries, waitForServerSeconds }),
    onRetry: (record) => retries.push(record),
  });
  return { clock, pool, retries, request };
}

describe('the first request to a server that is down', () => {
  it('keeps trying without spending the retry budget, and shows when the next attempt is', async () => {
    const { clock, pool, retries, request } = setUp(60, 0);
    const opened = request.open();
    for (const wait of [500, 500, 1_000, 2_000]) {
      pool.fail(await pool.nextTask(), REFUSED);
      await Promise.resolve();
      expect(request.retryWait).toEqual({ nextAttemptAt: clock.now() + wait, error: REFUSED });
      expect(clock.keepingAlive()).toBe(0);
      clock.advance(wait);
    }
    const task = await pool.nextTask();
    expect(request.retryWait).toBeUndefined();
    pool.headers(task, { status: 206, finalUrl: 'http://127.0.0.1:9/f.bin', headers: {} });
    await expect(opened).resolves.toMatchObject({ meta: { status: 206 } });
    expect(retries.map((r) => (isChunkRetry(r) ? r.nextAttemptAt! - r.at : undefined))).toEqual([
      500, 500, 1_000, 2_000,
    ]);
    expect(retries.every((r) => r.error.code === 'UNREACHABLE')).toBe(true);
  });

  it('fails with a clear sentence once the window is over', async () => {
    const { clock, pool, request } = setUp(2, 8);
    const opened = request.open();
    // Attempts at 0, 0.5, 1 and 2 s: the last one is made when the window ends.
    for (const wait of [500, 500, 1_000]) {
      pool.fail(await pool.nextTask(), REFUSED);
      await Promise.resolve();
      clock.advance(wait);
    }
    pool.fail(await pool.nextTask(), REFUSED);
    await expect(opened).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: expect.stringMatching(/refused the connection .*still unreachable after trying for 2 s/),
    });
  });

  it('leaves the server to the ordinary retries when the window is 0', async () => {
    const { pool, request } = setUp(0, 0);
    const opened = request.open();
    pool.fail(await pool.nextTask(), REFUSED);
    await expect(opened).rejects.toMatchObject({ code: 'UNREACHABLE', message: REFUSED.message });
  });

  it('ends a wait at once when stopped', async () => {
    const { pool, request } = setUp(60);
    const opened = request.open();
    pool.fail(await pool.nextTask(), REFUSED);
    await Promise.resolve();
    request.stop();
    await expect(opened).resolves.toBeUndefined();
  });
});
