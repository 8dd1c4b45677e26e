// A token bucket for a speed limit: each connection reserves tokens for the bytes it just read and
// pauses reading for as long as it overdrew, so TCP backpressure slows the server down instead of
// bytes piling up in memory.

/** One second of burst: smooth enough for a progress bar, cheap enough per read. */
const BURST_SECONDS = 1;

export class Throttle {
  private tokens = 0;
  private last: number;

  constructor(
    private bytesPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.last = now();
  }

  get limited(): boolean {
    return this.bytesPerSecond > 0;
  }

  /** 0 = unlimited. */
  setRate(bytesPerSecond: number): void {
    this.refill();
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = Math.min(this.tokens, bytesPerSecond * BURST_SECONDS);
  }

  /** Takes `bytes` that were already read; returns how many ms to pause before reading on. */
  reserve(bytes: number): number {
    if (this.bytesPerSecond <= 0) return 0;
    this.refill();
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.bytesPerSecond);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.bytesPerSecond * BURST_SECONDS, this.tokens + elapsed * this.bytesPerSecond);
  }
}
