// Time is a dependency: every engine timer goes through a Clock so tests can drive time.

export type TimerHandle = { readonly id: unknown };

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(callback: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => ({ id: setTimeout(callback, ms) }),
  clearTimeout: (handle) => clearTimeout(handle.id as NodeJS.Timeout),
  setInterval: (callback, ms) => {
    const id = setInterval(callback, ms);
    // A progress ticker must never keep a finished CLI alive.
    id.unref();
    return { id };
  },
  clearInterval: (handle) => clearInterval(handle.id as NodeJS.Timeout),
};
