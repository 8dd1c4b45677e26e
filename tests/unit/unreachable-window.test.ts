// How long a download keeps trying a server it cannot reach, with time passed in by the test.
import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../src-shared/download-types';
import {
  DEFAULT_RETRY_POLICY,
  retryPolicyFor,
  unreachableDelayMs,
} from '../../src-main/engine/fetch/retry-policy';
import { describeWindow, UnreachableWindow } from '../../src-main/engine/fetch/unreachable-window';

const REFUSED: ErrorInfo = {
  code: 'UNREACHABLE',
  message: 'the server 127.0.0.1:9 refused the connection (ECONNREFUSED)',
  retryable: true,
};
const T0 = 1_700_000_000_000;

/** Fails at every announced attempt until the window gives up; the waits in between, in order. */
function waitsUntilGivingUp(window: UnreachableWindow): { waits: number[]; gaveUpAt: number } {
  const waits: number[] = [];
  let now = T0;
  for (;;) {
    const step = window.next(REFUSED, now);
    if (step?.kind !== 'wait') return { waits, gaveUpAt: now - T0 };
    waits.push(step.delayMs);
    now = step.nextAttemptAt;
  }
}

describe('waiting for an unreachable server', () => {
  it('doubles the wait from 0.5 s up to 30 s, then tries every 30 s until 5 minutes are over', () => {
    const { waits, gaveUpAt } = waitsUntilGivingUp(new UnreachableWindow(DEFAULT_RETRY_POLICY));
    expect(waits.slice(0, 8)).toEqual([500, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000]);
    expect(Math.max(...waits)).toBe(30_000);
    // The last attempt is made exactly when the window ends, and that failure is final.
    expect(gaveUpAt).toBe(5 * 60_000);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBe(5 * 60_000);
  });

  it('ends with a sentence that says how long it tried and what to check', () => {
    const window = new UnreachableWindow(retryPolicyFor({ maxRetries: 8, waitForServerSeconds: 4 }));
    window.next(REFUSED, T0);
    const step = window.next(REFUSED, T0 + 4_000);
    expect(step?.kind).toBe('give-up');
    if (step?.kind !== 'give-up') return;
    expect(step.error.toInfo()).toEqual({
      code: 'UNREACHABLE',
      retryable: false,
      message:
        'the server 127.0.0.1:9 refused the connection (ECONNREFUSED); still unreachable after trying for 4 s. Check the address and that the server is up, then retry',
    });
  });

  it('gives a server that came back and went down again a full window', () => {
    const window = new UnreachableWindow(retryPolicyFor({ maxRetries: 8, waitForServerSeconds: 10 }));
    window.next(REFUSED, T0);
    window.next(REFUSED, T0 + 9_000);
    window.reached();
    expect(window.next(REFUSED, T0 + 12_000)).toMatchObject({ kind: 'wait', delayMs: 500 });
    expect(window.next(REFUSED, T0 + 21_000)?.kind).toBe('wait');
    expect(window.next(REFUSED, T0 + 22_000)?.kind).toBe('give-up');
  });

  it('holds new requests until the announced attempt, shared by every connection', () => {
    const window = new UnreachableWindow(DEFAULT_RETRY_POLICY);
    window.next(REFUSED, T0);
    const later = window.next(REFUSED, T0 + 3_000);
    expect(later).toMatchObject({ kind: 'wait', nextAttemptAt: T0 + 6_000 });
    expect(window.holds(T0 + 5_999)).toBe(true);
    expect(window.holds(T0 + 6_000)).toBe(false);
    // A connection failing a moment after moves the shared time a little later, for all of them.
    expect(window.next(REFUSED, T0 + 3_010)).toMatchObject({ nextAttemptAt: T0 + 6_020 });
    expect(window.holds(T0 + 6_010)).toBe(true);
  });

  it('leaves other failures, and every failure when the window is 0, to the ordinary retries', () => {
    const window = new UnreachableWindow(DEFAULT_RETRY_POLICY);
    expect(window.next({ code: 'NETWORK', message: 'reset', retryable: true }, T0)).toBeUndefined();
    const off = new UnreachableWindow(retryPolicyFor({ maxRetries: 8, waitForServerSeconds: 0 }));
    expect(off.next(REFUSED, T0)).toBeUndefined();
  });

  it('never waits past the end of the window', () => {
    expect(unreachableDelayMs(290_000)).toBe(10_000);
    expect(unreachableDelayMs(0)).toBe(500);
  });

  it('says how long it tried the way a person would', () => {
    expect(describeWindow(45_000)).toBe('45 s');
    expect(describeWindow(5 * 60_000)).toBe('5 min');
    expect(describeWindow(90_000)).toBe('1 min 30 s');
    expect(describeWindow(3_600_000)).toBe('1 h');
    expect(describeWindow(5_400_000)).toBe('1 h 30 min');
  });
});
