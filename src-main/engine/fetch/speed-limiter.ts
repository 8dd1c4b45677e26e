// Sends the workers the rate of each running download's connections, and only when it changed.
import { planConnectionRates, type RunningDownload } from '../plan/speed-limits';
import type { MainToWorker } from './worker-protocol';

type RateMessage = Extract<MainToWorker, { type: 'rate' }>;

export class SpeedLimiter {
  private defaultRate = 0;
  /** The per-connection rate last sent for each download's connections. */
  private readonly sent = new Map<string, number>();

  constructor(private readonly broadcast: (message: RateMessage) => void) {}

  /**
   * The global limit is shared by every connection of every running download, and each download's
   * own limit by its connections; connections not yet counted get the even global share.
   */
  apply(running: readonly RunningDownload[], globalLimitBps: number): void {
    const connections = running.reduce((sum, download) => sum + download.connections, 0);
    const share = globalLimitBps > 0 ? Math.max(1, Math.floor(globalLimitBps / Math.max(1, connections))) : 0;
    if (share !== this.defaultRate) {
      this.defaultRate = share;
      this.broadcast({ type: 'rate', bytesPerSecond: share });
    }
    for (const [id, bytesPerSecond] of planConnectionRates(running, globalLimitBps)) {
      if (this.sent.get(id) === bytesPerSecond) continue;
      this.sent.set(id, bytesPerSecond);
      this.broadcast({ type: 'rate', bytesPerSecond, connectionKeyPrefix: `${id}:` });
    }
  }
}
