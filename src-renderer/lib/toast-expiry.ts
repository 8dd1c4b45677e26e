// Toasts go away by themselves after a few seconds, but not while the user is reading them (pointer
// or focus on them). Timers are injected so tests drive time instead of waiting for it.

export const TOAST_LIFETIME_MS = 8000;

export interface ToastTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ToastExpiry {
  /** Starts a timer for every toast it has not seen and forgets the ones that are gone. */
  sync(ids: readonly number[]): void;
  /** Stops every timer while the user reads; `release` gives each toast a full lifetime again. */
  hold(): void;
  release(): void;
  dispose(): void;
}

export function createToastExpiry(
  timers: ToastTimers,
  expire: (id: number) => void,
  lifetimeMs = TOAST_LIFETIME_MS,
): ToastExpiry {
  const pending = new Map<number, unknown>();
  let current: readonly number[] = [];
  let held = false;

  const start = (id: number) => {
    pending.set(
      id,
      timers.setTimeout(() => {
        pending.delete(id);
        expire(id);
      }, lifetimeMs),
    );
  };
  const stopAll = () => {
    for (const handle of pending.values()) timers.clearTimeout(handle);
    pending.clear();
  };

  return {
    sync(ids) {
      current = ids;
      for (const [id, handle] of pending) {
        if (!ids.includes(id)) {
          timers.clearTimeout(handle);
          pending.delete(id);
        }
      }
      if (held) return;
      for (const id of ids) if (!pending.has(id)) start(id);
    },
    hold() {
      held = true;
      stopAll();
    },
    release() {
      held = false;
      for (const id of current) if (!pending.has(id)) start(id);
    },
    dispose: stopAll,
  };
}
