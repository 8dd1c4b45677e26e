// A download's run in flight and the stop asked of it, with one owner for both: a stop has to reach
// whatever exists at that moment (the first request while no run exists yet, else the run), and
// what a stopped run ends as depends only on which stop was asked for.
import type { DownloadStatus } from '../../../src-shared/download-types';
import type { FirstRequest } from '../fetch/first-request';
import type { JobFiles } from './job-files';

export type StopRequest = 'pause' | 'cancel' | 'quit';

export class RunControl {
  private work?: Promise<void>;
  private request?: StopRequest;
  private firstRequest?: FirstRequest;

  constructor(
    private readonly files: JobFiles,
    private readonly now: () => number,
  ) {}

  /** Resolves when the work in flight ended and its final status was applied. */
  get running(): Promise<void> | undefined {
    return this.work;
  }

  get stopRequest(): StopRequest | undefined {
    return this.request;
  }

  get probeRetryWait() {
    return this.firstRequest?.retryWait;
  }

  /** The request a stop has to end while no run exists yet. */
  track(request: FirstRequest): void {
    this.firstRequest = request;
  }

  /**
   * Starts work with no stop asked of it. The final move (`end`) happens once the work released
   * everything, so a command that follows it (retry, resume) finds the job idle.
   */
  begin(work: () => Promise<DownloadStatus>, end: (status: DownloadStatus) => void): Promise<void> {
    this.request = undefined;
    this.work = work().then((status) => {
      this.work = undefined;
      end(status);
    });
    return this.work;
  }

  /** Asks the work in flight to stop; resolves once it ended. */
  async stop(request: StopRequest): Promise<void> {
    if (!this.work) return;
    this.request = request;
    this.firstRequest?.stop();
    await this.files.run?.stop();
    await this.work;
  }

  /** A stopped run keeps its bytes; cancel removes them. */
  async endStopped(): Promise<DownloadStatus> {
    await this.files.run?.close();
    const request = this.request;
    if (request === 'cancel') {
      await this.files.discard(this.now());
      return 'cancelled';
    }
    return request === 'quit' ? 'queued' : 'paused';
  }
}
