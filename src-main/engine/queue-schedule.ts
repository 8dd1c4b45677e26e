// The queue's schedule: "start the queue at HH:MM" and "stop (pause) it at HH:MM", in local time.
// The arithmetic is pure; `QueueSchedule` only keeps one timer on the injected clock for the next
// boundary and says when the queue is held.
import type { Clock, TimerHandle } from './clock';

export interface QueueTimes {
  /** "HH:MM", local time; empty or absent = no scheduled start. */
  queueStartAt?: string;
  /** "HH:MM", local time; empty or absent = no scheduled stop. */
  queueStopAt?: string;
}

/** The first moment after `now` (epoch ms) when the local clock shows `hhmm`. */
export function nextOccurrence(now: number, hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  const at = new Date(now);
  const candidate = new Date(at.getFullYear(), at.getMonth(), at.getDate(), hours, minutes).getTime();
  if (candidate > now) return candidate;
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1, hours, minutes).getTime();
}

type Boundary = { at: number; held: boolean };

/** The next start or stop after `now`; the earlier one when both are set. */
export function nextBoundary(now: number, times: QueueTimes): Boundary | undefined {
  const boundaries: Boundary[] = [];
  if (times.queueStartAt) boundaries.push({ at: nextOccurrence(now, times.queueStartAt), held: false });
  if (times.queueStopAt) boundaries.push({ at: nextOccurrence(now, times.queueStopAt), held: true });
  return boundaries.sort((a, b) => a.at - b.at)[0];
}

/**
 * Whether the queue waits right after the times were set: inside a start–stop window it runs; with
 * only a start time it waits for it; with only a stop time it runs until then.
 */
export function heldWhenSet(now: number, times: QueueTimes): boolean {
  const next = nextBoundary(now, times);
  // The next boundary is a start: the queue is outside its window now.
  return next !== undefined && !next.held;
}

export class QueueSchedule {
  private timer?: TimerHandle;
  private times: QueueTimes = {};
  held = false;

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (held: boolean) => void,
  ) {}

  /** Takes new times; the held state is worked out afresh only when they changed. */
  apply(times: QueueTimes): void {
    const next = { queueStartAt: times.queueStartAt ?? '', queueStopAt: times.queueStopAt ?? '' };
    if (next.queueStartAt === this.times.queueStartAt && next.queueStopAt === this.times.queueStopAt) return;
    this.times = next;
    this.set(heldWhenSet(this.clock.now(), next));
    this.arm();
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.stop();
    const next = nextBoundary(this.clock.now(), this.times);
    if (!next) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.set(next.held);
      this.arm();
    }, next.at - this.clock.now());
  }

  private set(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    this.onChange(held);
  }
}
