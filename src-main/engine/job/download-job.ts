// One download's life, and the only writer of its status. The engine sends it commands (start,
// pause, resume, cancel, retry, refresh URL) and listens; every status change is a move listed in
// `job-status.ts`. Each attempt to fetch the file is a `JobRun`; pause and cancel end a run as
// transitions, and an integrity retry is a new run.
import fs from 'node:fs';
import type {
  AddDownloadOptions,
  DownloadStatus,
  EngineSettings,
  ErrorInfo,
  IntegrityResult,
  RetryRecord,
} from '../../../src-shared/download-types';
import { MAX_RETRY_RECORDS } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { FirstRequest, type FirstResponse } from '../fetch/first-request';
import { retryPolicyWith } from '../fetch/retry-policy';
import { proxyUrlFor } from '../fetch/proxy-config';
import { SpeedMeter } from '../progress/speed-meter';
import { removeJournal } from '../storage/journal';
import { ensureDirectory, type DownloadPaths } from '../storage/part-file';
import type { HostConnectionLimits } from './host-connections';
import type { RestoredState } from './job-record';
import { JobRun, type RunEnv, type RunSetup } from './job-run';
import { recordRun, type RecordedProgress } from './recorded-progress';
import { snapshotJob, type JobView } from './job-snapshot';
import { accepts, canMove, RUNNING_STATUSES } from './job-status';

export interface JobDeps extends RunEnv {
  hostLimits: HostConnectionLimits;
  /** Connections left under the global cap once the other running downloads are counted. */
  connectionAllowance: (job: DownloadJob) => number;
  onStatus: (job: DownloadJob) => void;
  onProgress: (job: DownloadJob) => void;
  onConnectionsChanged: (job: DownloadJob) => void;
}

type StopRequest = 'pause' | 'cancel' | 'quit';

export class DownloadJob implements JobView {
  private currentStatus: DownloadStatus = 'queued';
  error?: ErrorInfo;
  filePath?: string;
  completedAt?: number;
  integrity: IntegrityResult[] = [];
  readonly retries: RetryRecord[] = [];
  readonly meter = new SpeedMeter();
  /** The current run, or the last one while paused or failed (its bytes are where a resume starts). */
  private run?: JobRun;
  private known?: { paths: DownloadPaths; fileName: string };
  private firstRequest?: FirstRequest;
  private stopRequest?: StopRequest;
  private running?: Promise<void>;
  private integrityRetried = false;
  /** A replacement for an expired link; the download's identity stays `options.url`. */
  private sourceUrl?: string;
  private host?: string;
  /** What an earlier process recorded; shown until this process starts a run. */
  private recorded?: RecordedProgress;
  /** Time spent running in earlier runs, and when the current one started running. */
  private activeMs = 0;
  private activeSince?: number;

  constructor(
    readonly id: string,
    readonly options: AddDownloadOptions,
    readonly directory: string,
    readonly createdAt: number,
    private readonly settings: () => EngineSettings,
    private readonly deps: JobDeps,
    restored: RestoredState = { status: 'queued' },
  ) {
    // A download that was running when the app stopped continues: it is queued again.
    this.currentStatus = RUNNING_STATUSES.has(restored.status) ? 'queued' : restored.status;
    ({
      error: this.error,
      filePath: this.filePath,
      completedAt: this.completedAt,
      known: this.known,
    } = restored);
    this.integrity = restored.integrity ?? [];
    this.recorded = restored.progress;
    this.activeMs = restored.progress?.activeMs ?? 0;
  }

  get status(): DownloadStatus {
    return this.currentStatus;
  }

  get remote() {
    return this.run?.remote;
  }

  get scheduler() {
    return this.run?.scheduler;
  }

  get storage(): { paths: DownloadPaths; fileName: string } | undefined {
    return this.run ? { paths: this.run.paths, fileName: this.run.fileName } : this.known;
  }

  get connections(): number {
    return this.run?.connections ?? 0;
  }

  get hostConnectionLimit(): number | undefined {
    return this.host === undefined ? undefined : this.deps.hostLimits.limitFor(this.host);
  }

  snapshot(now: number) {
    return snapshotJob(this, now);
  }

  /** What the download reached: the live run's state, or what an earlier process recorded. */
  progress(now: number): RecordedProgress | undefined {
    const activeMs = this.activeMs + (this.activeSince === undefined ? 0 : now - this.activeSince);
    if (this.run) return recordRun(this.run.remote, this.run.remote.finalUrl, this.run.scheduler, activeMs);
    return this.recorded && { ...this.recorded, activeMs };
  }

  /** Starts a queued download; resolves when it completed, failed, paused or was cancelled. */
  start(): Promise<void> {
    if (!accepts('start', this.status) || this.running) return this.running ?? Promise.resolve();
    this.stopRequest = undefined;
    this.error = undefined;
    // The final move happens once the run released everything, so a command that follows it
    // (retry, resume) finds the job idle.
    this.running = this.execute().then((end) => {
      this.running = undefined;
      this.moveTo(end);
    });
    return this.running;
  }

  async pause(): Promise<void> {
    if (this.status === 'queued') return this.moveTo('paused');
    await this.stop('pause');
  }

  resume(): void {
    if (accepts('resume', this.status)) this.moveTo('queued');
  }

  /** Stops for quitting: the download continues on the next start. */
  async quit(): Promise<void> {
    await this.stop('quit');
  }

  async cancel(): Promise<void> {
    if (!accepts('cancel', this.status)) return;
    if (this.running) return this.stop('cancel');
    await this.discardFiles();
    this.moveTo('cancelled');
  }

  async retry(): Promise<void> {
    if (!accepts('retry', this.status)) return;
    // Bytes of a remote file that changed must never be spliced with the new version.
    if (this.error?.code === 'REMOTE_CHANGED' || this.error?.code === 'INTEGRITY_MISMATCH') {
      await this.discardFiles();
    }
    this.error = undefined;
    this.moveTo('queued');
  }

  /** The next run fetches from `url`; it continues only if size and validators still match. */
  refreshUrl(url: string): void {
    if (!accepts('refresh-url', this.status)) {
      throw new DownloadError('INVALID_INPUT', 'only a paused or failed download can get a new URL');
    }
    this.sourceUrl = url;
    this.error = undefined;
    this.deps.onStatus(this);
  }

  /** Forgets everything written so far: the next run starts from the first byte. */
  async discardFiles(): Promise<void> {
    const paths = this.storage?.paths;
    this.run = undefined;
    this.known = undefined;
    this.recorded = undefined;
    this.activeMs = 0;
    if (this.activeSince !== undefined) this.activeSince = this.deps.clock.now();
    if (!paths) return;
    await fs.promises.rm(paths.partPath, { force: true });
    await removeJournal(paths.journalPath);
  }

  private async stop(request: StopRequest): Promise<void> {
    if (!this.running) return;
    this.stopRequest = request;
    this.firstRequest?.stop();
    await this.run?.stop();
    await this.running;
  }

  /** Runs until the download ends; a checksum mismatch gets one new run from the first byte. */
  private async execute(): Promise<DownloadStatus> {
    for (;;) {
      const end = await this.attempt();
      if (end !== 'again') return end;
    }
  }

  /** One run; the status it ends in, or 'again' when a new run follows. */
  private async attempt(): Promise<DownloadStatus | 'again'> {
    this.moveTo('probing');
    const request = new FirstRequest({
      pool: this.deps.pool,
      clock: this.deps.clock,
      connectionKey: `${this.id}:0`,
      url: this.sourceUrl ?? this.options.url,
      extraHeaders: this.options.headers ?? {},
      proxy: (url) => proxyUrlFor(url, this.options.proxy, this.settings(), this.deps.proxyEnvironment),
      timeouts: this.deps.timeouts,
      retry: retryPolicyWith(this.settings().maxRetries),
      onRetry: (record) => this.recordRetry(record),
    });
    this.firstRequest = request;
    let response: FirstResponse | undefined;
    try {
      await ensureDirectory(this.directory);
      if (!this.stopRequest) response = await request.open();
      if (!response || this.stopRequest) {
        response?.abandon();
        return this.endStopped();
      }
      const run = await JobRun.open(this.runSetup(response), response);
      this.known = { paths: run.paths, fileName: run.fileName };
      this.run = run;
      if (this.stopRequest) {
        response.abandon();
        return this.endStopped();
      }
      this.moveTo('downloading');
      const outcome = await run.execute(response);
      if (outcome.kind === 'stopped') return this.endStopped();
      this.integrity = outcome.integrity;
      if (outcome.kind === 'complete') {
        this.filePath = outcome.filePath;
        this.completedAt = this.deps.clock.now();
        return 'completed';
      }
      if (this.integrityRetried) throw outcome.error;
      // One automatic re-download: a corrupted transfer is far likelier than a wrong reference.
      this.integrityRetried = true;
      this.recordRetry({ kind: 'file', at: this.deps.clock.now(), error: outcome.error.toInfo() });
      await this.discardFiles();
      return this.stopRequest ? this.endStopped() : 'again';
    } catch (err) {
      response?.abandon();
      return this.endFailed(DownloadError.from(err));
    } finally {
      request.stop();
    }
  }

  private runSetup(response: FirstResponse): RunSetup {
    const settings = this.settings();
    const host = new URL(response.meta.finalUrl).host;
    this.host = host;
    const wanted = this.options.connections ?? settings.connectionsPerDownload;
    return {
      id: this.id,
      options: this.options,
      settings,
      directory: this.directory,
      ...(this.known ? { known: this.known } : {}),
      // A journal that could not be written (a full disk) must not cost what this process knows.
      ...(this.run ? { inMemory: this.run.journalData() } : {}),
      budget: this.deps.hostLimits.budgetFor(host, wanted, () => this.deps.connectionAllowance(this)),
      env: this.deps,
      onProgress: () => this.deps.onProgress(this),
      onRetry: (record) => this.recordRetry(record),
      onConnections: () => this.deps.onConnectionsChanged(this),
      onVerifying: () => this.moveTo('verifying'),
    };
  }

  /** A stopped run keeps its bytes; cancel removes them. */
  private async endStopped(): Promise<DownloadStatus> {
    await this.run?.close();
    const request = this.stopRequest;
    if (request === 'cancel') {
      await this.discardFiles();
      return 'cancelled';
    }
    return request === 'quit' ? 'queued' : 'paused';
  }

  private async endFailed(error: DownloadError): Promise<DownloadStatus> {
    if (this.stopRequest) return this.endStopped();
    await this.run?.close();
    this.error = error.toInfo();
    // A full or unwritable disk is the user's to fix; the download waits paused with the reason.
    return error.code === 'DISK_FULL' || error.code === 'FILE_SYSTEM' ? 'paused' : 'failed';
  }

  private recordRetry(record: RetryRecord): void {
    this.retries.push(record);
    if (this.retries.length > MAX_RETRY_RECORDS) this.retries.shift();
    this.deps.onProgress(this);
  }

  /** The one place a status changes; a move the table does not list is a bug of ours. */
  private moveTo(status: DownloadStatus): void {
    if (!canMove(this.currentStatus, status)) {
      throw new DownloadError('INTERNAL', `a download cannot move from ${this.currentStatus} to ${status}`);
    }
    const now = this.deps.clock.now();
    if (RUNNING_STATUSES.has(status)) this.activeSince ??= now;
    else if (this.activeSince !== undefined) {
      this.activeMs += now - this.activeSince;
      this.activeSince = undefined;
    }
    this.currentStatus = status;
    this.deps.onStatus(this);
  }
}
