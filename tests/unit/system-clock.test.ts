// The real clock's timers: which of them may keep a finished process alive.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/engine/clock';

function keepsAlive(handle: { readonly id: unknown }): boolean {
  return (handle.id as NodeJS.Timeout).hasRef();
}

describe('the system clock', () => {
  it('lets a timeout asked to be unref’d leave the process free to exit', () => {
    const handle = systemClock.setTimeout(() => undefined, 60_000, { unref: true });
    expect(keepsAlive(handle)).toBe(false);
    systemClock.clearTimeout(handle);
  });

  it('keeps an ordinary timeout holding the process, as Node does', () => {
    const handle = systemClock.setTimeout(() => undefined, 60_000);
    expect(keepsAlive(handle)).toBe(true);
    systemClock.clearTimeout(handle);
  });
});
