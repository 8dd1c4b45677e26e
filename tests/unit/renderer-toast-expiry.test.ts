import { describe, expect, it } from 'vitest';
import { createToastExpiry, TOAST_LIFETIME_MS } from '../../src-renderer/lib/toast-expiry';
import type { ToastTimers } from '../../src-renderer/lib/toast-expiry';

/** A clock the test moves by hand. */
function manualTimers() {
  let now = 0;
  let nextHandle = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: ToastTimers = {
    setTimeout(callback, ms) {
      const handle = nextHandle++;
      due.set(handle, { at: now + ms, callback });
      return handle;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= now && due.delete(handle)) timer.callback();
    }
  };
  return { timers, advance, pending: () => due.size };
}

describe('toasts that go away by themselves', () => {
  it('dismisses each toast a few seconds after it appeared', () => {
    const clock = manualTimers();
    const expired: number[] = [];
    const expiry = createToastExpiry(clock.timers, (id) => expired.push(id));
    expiry.sync([1]);
    clock.advance(3000);
    expiry.sync([1, 2]);
    clock.advance(TOAST_LIFETIME_MS - 3000);
    expect(expired).toEqual([1]);
    clock.advance(3000);
    expect(expired).toEqual([1, 2]);
  });

  it('keeps toasts while the user reads them and gives them a full lifetime afterwards', () => {
    const clock = manualTimers();
    const expired: number[] = [];
    const expiry = createToastExpiry(clock.timers, (id) => expired.push(id));
    expiry.sync([1]);
    clock.advance(TOAST_LIFETIME_MS - 1);
    expiry.hold();
    clock.advance(60_000);
    expiry.sync([1, 2]);
    clock.advance(60_000);
    expect(expired).toEqual([]);
    expiry.release();
    clock.advance(TOAST_LIFETIME_MS - 1);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toEqual([1, 2]);
  });

  it('stops the timer of a toast the user dismissed, and all timers on dispose', () => {
    const clock = manualTimers();
    const expired: number[] = [];
    const expiry = createToastExpiry(clock.timers, (id) => expired.push(id));
    expiry.sync([1, 2]);
    expiry.sync([2]);
    expect(clock.pending()).toBe(1);
    expiry.dispose();
    clock.advance(TOAST_LIFETIME_MS);
    expect(expired).toEqual([]);
  });
});
