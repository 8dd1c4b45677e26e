// Sends the workers the rates of the running downloads' connections, and only what changed. A worker
// applies the lower of the global rate and a download's own rate; the plan already holds each
// download's share of the global limit, so the global rate sent is the highest planned one.
import { planConnectionRates, type RunningDownload } from '../plan/speed-limits';
import type { MainToWorker } from './worker-protocol';

type RateMessage = Extract<MainToWorker, { type: 'rate' }>;

export class SpeedLimiter {
  private globalRate = 0;
  /** The per-connection rate last sent for each download's connections (0 = none sent). */
  private readonly sent = new Map<string, number>();

  constructor(private readonly broadcast: (message: RateMessage) => void) {}

  apply(running: readonly RunningDownload[], globalLimitBps: number): void {
    const plan = planConnectionRates(running, globalLimitBps);
    // Without a global limit nothing caps the total; with one, no connection exceeds its plan.
    const globalRate =
      globalLimitBps > 0 ? Math.max(1, ...plan.values(), running.length ? 0 : globalLimitBps) : 0;
    if (globalRate !== this.globalRate) {
      this.globalRate = globalRate;
      this.broadcast({ type: 'rate', bytesPerSecond: globalRate });
    }
    for (const id of this.sent.keys()) if (!plan.has(id)) plan.set(id, 0);
    for (const [id, bytesPerSecond] of plan) {
      if ((this.sent.get(id) ?? 0) === bytesPerSecond) continue;
      if (bytesPerSecond > 0) this.sent.set(id, bytesPerSecond);
      else this.sent.delete(id);
      this.broadcast({ type: 'rate', bytesPerSecond, connectionKeyPrefix: `${id}:` });
    }
  }
}
