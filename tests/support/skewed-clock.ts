// The system clock with an offset a test moves forward: timers still run in real time, while `now()`
// jumps, so a rule that compares timestamps (a host's connection limit recovering) sees minutes pass
// without the test waiting for them.
import { systemClock, type Clock, type TimerHandle, type TimerOptions } from '../../src-main/engine/clock';

export class SkewedClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  setTimeout(callback: () => void, ms: number, options?: TimerOptions): TimerHandle {
    return systemClock.setTimeout(callback, ms, options);
  }

  clearTimeout(handle: TimerHandle): void {
    systemClock.clearTimeout(handle);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    return systemClock.setInterval(callback, ms);
  }

  clearInterval(handle: TimerHandle): void {
    systemClock.clearInterval(handle);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
