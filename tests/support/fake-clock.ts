// A clock that moves only when a test says so: timers fire in time order during `advance`.
import type { Clock, TimerHandle, TimerOptions } from '../../src-main/engine/clock';

interface Timer {
  id: number;
  at: number;
  every?: number;
  /** As the system clock does: intervals never keep the process alive, timeouts only when asked. */
  keepsAlive: boolean;
  callback: () => void;
}

export class FakeClock implements Clock {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number, options?: TimerOptions): TimerHandle {
    const at = this.time + Math.max(0, ms);
    return this.add({ id: this.nextId++, at, keepsAlive: options?.unref !== true, callback });
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    return this.add({ id: this.nextId++, at: this.time + ms, every: ms, keepsAlive: false, callback });
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle.id);
  }

  clearInterval(handle: TimerHandle): void {
    this.clearTimeout(handle);
  }

  /** Timers that would still fire (intervals included). */
  pending(): number {
    return this.timers.length;
  }

  /** Pending timers that would keep a real process alive. */
  keepingAlive(): number {
    return this.timers.filter((timer) => timer.keepsAlive).length;
  }

  /** Moves time forward, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      if (due.every === undefined) this.clearTimeout(due);
      else due.at += due.every;
      due.callback();
    }
    this.time = end;
  }

  private add(timer: Timer): TimerHandle {
    this.timers.push(timer);
    return { id: timer.id };
  }
}
