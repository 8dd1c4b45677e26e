// Time is a dependency: every engine timer goes through a Clock so tests can drive time.

export type TimerHandle = { readonly id: unknown };

export interface TimerOptions {
  /** The timer alone never keeps the process alive (a wake-up for work that may be stopped). */
  unref?: boolean;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number, options?: TimerOptions): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(callback: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms, options) => {
    const id = setTimeout(callback, ms);
    if (options?.unref) id.unref();
    return { id };
  },
  clearTimeout: (handle) => clearTimeout(handle.id as NodeJS.Timeout),
  setInterval: (callback, ms) => {
    const id = setInterval(callback, ms);
    // A progress ticker must never keep a finished CLI alive.
    id.unref();
    return { id };
  },
  clearInterval: (handle) => clearInterval(handle.id as NodeJS.Timeout),
};
