/** Milliseconds from a monotonic source; injectable so the bucket arithmetic is testable without sleeping. */
export type NowMs = () => number;

/**
 * Token bucket that may go into debt: `reserve(n)` always grants n bytes and says how long to wait
 * before sending them, so a sender never splits writes below its own slice size.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefillMs: number;

  constructor(
    private rateBps: number,
    private readonly burstBytes: number,
    private readonly now: NowMs = () => performance.now(),
  ) {
    this.tokens = burstBytes;
    this.lastRefillMs = now();
  }

  get rate(): number {
    return this.rateBps;
  }

  setRate(rateBps: number): void {
    this.refill();
    this.rateBps = rateBps;
  }

  /** Takes `bytes` tokens; returns the delay in ms until the bucket is out of debt again. */
  reserve(bytes: number): number {
    this.refill();
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rateBps) * 1000;
  }

  private refill(): void {
    const nowMs = this.now();
    const elapsedMs = nowMs - this.lastRefillMs;
    this.lastRefillMs = nowMs;
    this.tokens = Math.min(this.burstBytes, this.tokens + (elapsedMs / 1000) * this.rateBps);
  }
}

/** Slice size for a throttled sender: ~50 writes per second, between 1 KiB and 64 KiB. */
export function throttleSliceBytes(rateBps: number): number {
  return Math.max(1024, Math.min(65_536, Math.floor(rateBps / 50)));
}
