// How long one download keeps trying a server it cannot reach. The window opens at the first
// UNREACHABLE failure and closes once anything arrives from the server; inside it every failed
// attempt waits as the retry policy says, without spending the ordinary retry budget, and the first
// failure after it ends the download with a final error. Pure bookkeeping: callers pass the time.
import type { ErrorInfo } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { unreachableDelayMs, type RetryPolicy } from './retry-policy';

export type UnreachableStep =
  { kind: 'wait'; delayMs: number; nextAttemptAt: number } | { kind: 'give-up'; error: DownloadError };

/** "45 s", "5 min", "1 h 30 min": how long the window lasted, as a person says it. */
export function describeWindow(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600 && seconds % 60 !== 0) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  const minutes = Math.round((seconds % 3600) / 60);
  return `${Math.floor(seconds / 3600)} h${minutes === 0 ? '' : ` ${minutes} min`}`;
}

export class UnreachableWindow {
  private since?: number;
  private holdUntil?: number;

  constructor(private readonly policy: RetryPolicy) {}

  /** Something arrived from the server: it is back, and a later outage gets a full window again. */
  reached(): void {
    this.since = undefined;
    this.holdUntil = undefined;
  }

  /**
   * Whether new requests wait at `now`: while the server is unreachable, every connection tries
   * again together at the announced time instead of each going through the waiting chunks.
   */
  holds(now: number): boolean {
    return this.holdUntil !== undefined && this.holdUntil > now;
  }

  /**
   * What to do after `error` at `now`; undefined when the window does not apply (another failure,
   * or a window of 0), and the ordinary retry rules decide.
   */
  next(error: ErrorInfo, now: number): UnreachableStep | undefined {
    const { windowMs } = this.policy.unreachable;
    if (error.code !== 'UNREACHABLE' || windowMs <= 0) return undefined;
    this.since ??= now;
    const downMs = now - this.since;
    if (downMs >= windowMs) {
      this.holdUntil = undefined;
      const message = `${error.message}; still unreachable after trying for ${describeWindow(windowMs)}. Check the address and that the server is up, then retry`;
      return { kind: 'give-up', error: new DownloadError('UNREACHABLE', message) };
    }
    const delayMs = unreachableDelayMs(downMs, this.policy);
    this.holdUntil = Math.max(this.holdUntil ?? 0, now + delayMs);
    return { kind: 'wait', delayMs: this.holdUntil - now, nextAttemptAt: this.holdUntil };
  }
}
