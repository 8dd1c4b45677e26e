// A token bucket for the global speed limit: the engine divides the limit among the active
// connections and each connection waits for its tokens before reading on, so TCP backpressure
// slows the server down instead of bytes piling up in memory.

/** One second of burst: smooth enough for a progress bar, cheap enough per read. */
const BURST_SECONDS = 1;

export class Throttle {
  private tokens = 0;
  private last: number;

  constructor(
    private bytesPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
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

  /** Resolves once `bytes` may be passed on. */
  async take(bytes: number): Promise<void> {
    for (;;) {
      if (this.bytesPerSecond <= 0) return;
      this.refill();
      if (this.tokens >= bytes || this.tokens >= this.bytesPerSecond * BURST_SECONDS) {
        this.tokens -= bytes;
        return;
      }
      const missing = Math.min(bytes, this.bytesPerSecond * BURST_SECONDS) - this.tokens;
      await this.sleep(Math.max(1, Math.ceil((missing * 1000) / this.bytesPerSecond)));
    }
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.bytesPerSecond * BURST_SECONDS, this.tokens + elapsed * this.bytesPerSecond);
  }
}
