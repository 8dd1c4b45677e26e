// The time a download spent running (fetching and verifying), summed over its runs, for its average
// speed. Only the job's status moves start and stop it.
export class ActiveTime {
  private since?: number;

  constructor(private totalMs = 0) {}

  /** Running time so far, the current stretch included. */
  at(now: number): number {
    return this.totalMs + (this.since === undefined ? 0 : now - this.since);
  }

  running(now: number): void {
    this.since ??= now;
  }

  stopped(now: number): void {
    if (this.since === undefined) return;
    this.totalMs += now - this.since;
    this.since = undefined;
  }

  /** Forgets earlier runs: the download starts again from its first byte. */
  reset(now: number): void {
    this.totalMs = 0;
    if (this.since !== undefined) this.since = now;
  }
}
