// One download's life, and the only writer of its status. The engine sends it commands (start,
// pause, resume, cancel, retry, refresh URL, re-check) and listens; every status change is a move
// listed in `job-status.ts`. Each attempt to fetch the file is a run (`job-attempt.ts`); pause and
// cancel end a run as transitions, and an integrity retry is a new run.
import fs from 'node:fs';
import type {
  AddDownloadOptions,
  DownloadStatus,
  EngineSettings,
  ErrorInfo,
  ExpectedChecksum,
  IntegrityResult,
  RetryRecord,
} from '../../../src-shared/download-types';
import { MAX_RETRY_RECORDS } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { integrityMismatchError } from '../integrity/verify-results';
import { SpeedMeter } from '../progress/speed-meter';
import type { HostConnectionLimits } from './host-connections';
import { runAttempt, type AttemptContext } from './job-attempt';
import { JobFiles } from './job-files';
import type { Finished } from './job-finalize';
import { recheckPartFile } from './job-recheck';
import type { RestoredState } from './job-record';
import type { RunEnv } from './job-run';
import type { RecordedProgress } from './recorded-progress';
import { snapshotJob, type JobView } from './job-snapshot';
import { accepts, canMove, RUNNING_STATUSES, statusAfterFailure } from './job-status';
import { RunControl } from './run-control';

export interface JobDeps extends RunEnv {
  hostLimits: HostConnectionLimits;
  /** Connections left under the global cap once the other running downloads are counted. */
  connectionAllowance: (job: DownloadJob) => number;
  onStatus: (job: DownloadJob) => void;
  onProgress: (job: DownloadJob) => void;
  onConnectionsChanged: (job: DownloadJob) => void;
}

export class DownloadJob implements JobView {
  private currentStatus: DownloadStatus = 'queued';
  error?: ErrorInfo;
  filePath?: string;
  completedAt?: number;
  integrity: IntegrityResult[] = [];
  readonly retries: RetryRecord[] = [];
  readonly meter = new SpeedMeter();
  private readonly files: JobFiles;
  private readonly control: RunControl;
  private integrityRetried = false;
  /** A replacement for an expired link; the download's identity stays `options.url`. */
  private sourceUrl?: string;
  private host?: string;
  /** Connections a run opened while its file was prepared, until its transfer counts its own. */
  private openedAhead = 0;

  constructor(
    readonly id: string,
    /** Replaced only by a re-check, which corrects the expected checksums. */
    public options: AddDownloadOptions,
    readonly directory: string,
    readonly createdAt: number,
    private readonly settings: () => EngineSettings,
    private readonly deps: JobDeps,
    restored: RestoredState = { status: 'queued' },
  ) {
    // A download that was running when the app stopped continues: it is queued again.
    this.currentStatus = RUNNING_STATUSES.has(restored.status) ? 'queued' : restored.status;
    ({ error: this.error, filePath: this.filePath, completedAt: this.completedAt } = restored);
    this.integrity = restored.integrity ?? [];
    this.files = new JobFiles(restored);
    this.control = new RunControl(this.files, () => deps.clock.now());
  }

  get status(): DownloadStatus {
    return this.currentStatus;
  }

  get remote() {
    return this.files.run?.remote;
  }

  get scheduler() {
    return this.files.run?.scheduler;
  }

  get storage() {
    return this.files.storage;
  }

  get notice() {
    return this.files.run?.notice;
  }

  get probeRetryWait() {
    return this.control.probeRetryWait;
  }

  /** The run's connections (or those opened ahead of it), no more than its host allows now. */
  get connections(): number {
    // A run counts no connections until its transfer starts.
    const own = this.files.run?.connections || this.openedAhead;
    return Math.min(own, this.hostConnectionLimit ?? Infinity);
  }

  get hostConnectionLimit(): number | undefined {
    return this.host === undefined ? undefined : this.deps.hostLimits.limitFor(this.host);
  }

  snapshot(now: number) {
    return snapshotJob(this, now);
  }

  progress(now: number): RecordedProgress | undefined {
    return this.files.progress(now);
  }

  /** Starts a queued download; resolves when it completed, failed, paused or was cancelled. */
  start(): Promise<void> {
    const running = this.control.running;
    if (!accepts('start', this.status) || running) return running ?? Promise.resolve();
    this.error = undefined;
    return this.control.begin(
      () => this.execute(),
      (end) => this.moveTo(end),
    );
  }

  async pause(): Promise<void> {
    if (this.status === 'queued') return this.moveTo('paused');
    await this.control.stop('pause');
  }

  resume(): void {
    if (accepts('resume', this.status)) this.moveTo('queued');
  }

  /** Stops for quitting: the download continues on the next start. */
  async quit(): Promise<void> {
    await this.control.stop('quit');
  }

  /**
   * Checks the bytes of a download that failed its checksum check against corrected expected values,
   * without a request: a match completes it, a mismatch leaves it failed with the new result.
   */
  recheck(checksums: ExpectedChecksum[]): Promise<void> {
    const storage = this.storage;
    if (!accepts('recheck', this.status) || this.error?.code !== 'INTEGRITY_MISMATCH' || !storage) {
      throw new DownloadError(
        'INVALID_INPUT',
        'only a download that failed its checksum check can be re-checked',
      );
    }
    this.options = { ...this.options, checksums };
    this.error = undefined;
    return this.control.begin(
      () => {
        this.moveTo('verifying');
        const heldLock = this.files.lock;
        return recheckPartFile({
          ...storage,
          checksums,
          previous: this.integrity,
          ...(heldLock ? { heldLock } : {}),
        }).then(
          (finished) => this.endVerified(finished),
          (err: unknown) => this.endFailed(DownloadError.from(err)),
        );
      },
      (end) => this.moveTo(end),
    );
  }

  async cancel(): Promise<void> {
    if (!accepts('cancel', this.status)) return;
    if (this.control.running) return this.control.stop('cancel');
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
  discardFiles(): Promise<void> {
    return this.files.discard(this.deps.clock.now());
  }

  /** A download restored unfinished takes its name back, as its earlier process held it. */
  async holdName(): Promise<void> {
    if (accepts('cancel', this.status)) await this.files.holdName();
  }

  /** The process stops speaking for this download: its name is free until a restart takes it back. */
  releaseName(): Promise<void> {
    return this.files.releaseName();
  }

  /** Runs until the download ends; a checksum mismatch gets one new run from the first byte. */
  private async execute(): Promise<DownloadStatus> {
    for (;;) {
      this.moveTo('probing');
      const end = await runAttempt(this.attemptContext());
      if (end.kind === 'stopped') return this.control.endStopped();
      if (end.kind === 'failed') return this.endFailed(end.error);
      if (end.kind === 'complete') return this.endVerified({ ok: true, ...end });
      this.integrity = end.integrity;
      if (this.integrityRetried || this.control.stopRequest) return this.endFailed(end.error);
      // One automatic re-download: a corrupted transfer is far likelier than a wrong reference.
      this.integrityRetried = true;
      this.recordRetry({ kind: 'file', at: this.deps.clock.now(), error: end.error.toInfo() });
      await this.discardFiles();
      if (this.control.stopRequest) return this.control.endStopped();
    }
  }

  private attemptContext(): AttemptContext {
    const { id, options, directory, deps } = this;
    const settings = this.settings();
    const wanted = options.connections ?? settings.connectionsPerDownload;
    return {
      config: { id, options, settings, directory, env: deps, onRetry: (record) => this.recordRetry(record) },
      url: this.sourceUrl ?? options.url,
      ...this.files.resumeFrom(),
      budgetFor: (host) => {
        this.host = host;
        return deps.hostLimits.budgetFor(host, wanted, () => deps.connectionAllowance(this));
      },
      stopped: () => this.control.stopRequest !== undefined,
      onFirstRequest: (request) => this.control.track(request),
      onRun: (run) => this.files.adopt(run),
      onDownloading: () => this.moveTo('downloading'),
      onProgress: () => deps.onProgress(this),
      onConnections: () => {
        this.openedAhead = 0;
        deps.onConnectionsChanged(this);
      },
      onOpenedAhead: (count) => {
        this.openedAhead = count;
        deps.onConnectionsChanged(this);
      },
      onVerifying: () => this.moveTo('verifying'),
    };
  }

  /** The end of a verification: a cancel that came meanwhile still wins and removes the file. */
  private async endVerified(finished: Finished): Promise<DownloadStatus> {
    this.integrity = finished.integrity;
    if (this.control.stopRequest === 'cancel') {
      if (finished.ok) await fs.promises.rm(finished.filePath, { force: true });
      return this.control.endStopped();
    }
    if (!finished.ok) return this.endFailed(integrityMismatchError(finished.mismatch));
    this.filePath = finished.filePath;
    this.completedAt = this.deps.clock.now();
    await this.files.releaseName();
    return 'completed';
  }

  private async endFailed(error: DownloadError): Promise<DownloadStatus> {
    if (this.control.stopRequest) return this.control.endStopped();
    await this.files.run?.close();
    this.error = error.toInfo();
    // A full or unwritable disk is the user's to fix; the download waits paused with the reason.
    return statusAfterFailure(error.code);
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
    if (RUNNING_STATUSES.has(status)) this.files.activeTime.running(now);
    else this.files.activeTime.stopped(now);
    this.currentStatus = status;
    this.deps.onStatus(this);
  }
}
