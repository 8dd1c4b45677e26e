// Smoothed speed over a sliding window of byte counts: O(1) per sample, bounded memory.

export const SPEED_WINDOW_MS = 3_000;
const MAX_SAMPLES = 64;

export class SpeedMeter {
  private readonly times: number[] = [];
  private readonly totals: number[] = [];

  constructor(private readonly windowMs: number = SPEED_WINDOW_MS) {}

  /** Records the cumulative byte count at time `now`. */
  record(now: number, totalBytes: number): void {
    const n = this.times.length;
    // A silent window (a pause) or a count that went back (a new run from its journal) starts a new
    // measurement: the rate across such a gap says nothing about the transfer after it.
    if (n > 0 && (now - this.times[n - 1]! > this.windowMs || totalBytes < this.totals[n - 1]!)) this.reset();
    this.times.push(now);
    this.totals.push(totalBytes);
    while (
      this.times.length > MAX_SAMPLES ||
      (this.times.length > 2 && now - this.times[1]! >= this.windowMs)
    ) {
      this.times.shift();
      this.totals.shift();
    }
  }

  /** Bytes per second over the window; 0 until two samples exist. */
  bytesPerSecond(now: number): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const last = this.times[n - 1]!;
    // A meter that stopped receiving samples decays to zero instead of showing a stale speed.
    if (now - last > this.windowMs) return 0;
    const elapsed = Math.max(now, last) - this.times[0]!;
    return elapsed > 0 ? ((this.totals[n - 1]! - this.totals[0]!) * 1000) / elapsed : 0;
  }

  reset(): void {
    this.times.length = 0;
    this.totals.length = 0;
  }
}
