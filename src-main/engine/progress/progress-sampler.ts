// Push state changes, sample progress: workers may report often, but listeners get at most one
// batch per tick, holding only the downloads that changed since the previous batch, and of each
// only what changed since what listeners were last sent (the sampler owns that record).
import type { DownloadSnapshot, ProgressBatch } from '../../../src-shared/download-types';
import { progressDelta, sentStateOf, type SentState } from '../../../src-shared/progress-delta';
import type { Clock, TimerHandle } from '../clock';

export const PROGRESS_BATCH_INTERVAL_MS = 250;

export interface Sampled {
  readonly id: string;
  sample(now: number): void;
  snapshot(now: number): DownloadSnapshot;
  isMoving(): boolean;
}

export class ProgressSampler {
  private readonly dirty = new Map<string, Sampled>();
  private readonly moving = new Map<string, Sampled>();
  private readonly sent = new Map<string, SentState>();
  private timer?: TimerHandle;

  constructor(
    private readonly clock: Clock,
    private readonly emit: (batch: ProgressBatch) => void,
    private readonly intervalMs: number = PROGRESS_BATCH_INTERVAL_MS,
  ) {}

  /** O(1): called for every worker report. */
  markDirty(item: Sampled): void {
    this.dirty.set(item.id, item);
    if (item.isMoving()) this.moving.set(item.id, item);
    if (!this.timer) this.timer = this.clock.setInterval(() => this.flush(), this.intervalMs);
  }

  forget(id: string): void {
    this.dirty.delete(id);
    this.moving.delete(id);
    this.sent.delete(id);
  }

  /** Listeners were just sent `snapshot` in full (a status change): later deltas build on it. */
  sentInFull(snapshot: DownloadSnapshot): void {
    this.sent.set(snapshot.id, sentStateOf(snapshot));
  }

  /** Emits whatever changed now (also used right before a state change goes out). */
  flush(): void {
    const now = this.clock.now();
    for (const item of this.moving.values()) {
      item.sample(now);
      // A moving download's speed changes even without new bytes.
      this.dirty.set(item.id, item);
      if (!item.isMoving()) this.moving.delete(item.id);
    }
    if (this.dirty.size === 0) {
      if (this.moving.size === 0 && this.timer) {
        this.clock.clearInterval(this.timer);
        this.timer = undefined;
      }
      return;
    }
    const downloads = [...this.dirty.values()].map((item) => {
      const snapshot = item.snapshot(now);
      const delta = progressDelta(snapshot, this.sent.get(item.id));
      this.sent.set(item.id, sentStateOf(snapshot));
      return delta;
    });
    this.dirty.clear();
    this.emit({ at: now, downloads });
  }

  stop(): void {
    if (this.timer) this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }
}
