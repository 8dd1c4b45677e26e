// The timers that wake a transfer to hand out work again: a steady ticker, and a one-shot wake-up
// for each chunk that waits for its next attempt. One owner for all of them, so stopping the
// transfer clears every one and none can fire into a finished run or keep the process alive.
import type { Clock, TimerHandle } from '../clock';

export const REBALANCE_INTERVAL_MS = 250;

export class RebalanceTimers {
  private ticker?: TimerHandle;
  private readonly wakeUps = new Set<TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly rebalance: () => void,
  ) {}

  start(): void {
    this.ticker = this.clock.setInterval(this.rebalance, REBALANCE_INTERVAL_MS);
  }

  /** Wakes the transfer just after a wait of `ms`, when the waiting chunk is due again. */
  wakeAfter(ms: number): void {
    const handle = this.clock.setTimeout(
      () => {
        this.wakeUps.delete(handle);
        this.rebalance();
      },
      ms + 1,
      { unref: true },
    );
    this.wakeUps.add(handle);
  }

  stop(): void {
    if (this.ticker) this.clock.clearInterval(this.ticker);
    this.ticker = undefined;
    for (const handle of this.wakeUps) this.clock.clearTimeout(handle);
    this.wakeUps.clear();
  }
}
