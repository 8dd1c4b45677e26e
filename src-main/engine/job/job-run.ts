// One attempt to fetch a download, built once the first response arrived: it holds the remote file,
// the storage (fd and paths), the scheduler, the verifier and the connection budget, none optional.
// It takes the first response over as the first chunk, transfers, verifies and places the file.
import type {
  AddDownloadOptions,
  DownloadNotice,
  EngineSettings,
  IntegrityResult,
  RetryRecord,
} from '../../../src-shared/download-types';
import type { Clock } from '../clock';
import { DownloadError } from '../errors';
import type { FirstResponse } from '../fetch/first-request';
import { retryPolicyFor, type RetryPolicy } from '../fetch/retry-policy';
import type { TaskPool } from '../fetch/worker-pool';
import type { ConnectionTimeouts } from '../fetch/worker-protocol';
import { proxyUrlFor, type ProxyEnvironment } from '../fetch/proxy-config';
import type { DownloadVerifier } from '../integrity/download-verifier';
import { integrityMismatchError } from '../integrity/verify-results';
import { ChunkScheduler } from '../plan/chunk-scheduler';
import { interpretProbe } from '../plan/probe-result';
import type { JournalData } from '../storage/journal';
import { markOfTheWeb } from '../storage/mark-of-the-web';
import { JOURNAL_AT_LAST_BYTE_MIN_BYTES, JournalKeeper, journalDataOf } from '../storage/journal-keeper';
import { expectationOf, type PreparedStorage, type RemoteFile } from '../storage/job-storage';
import type { NameLock } from '../storage/name-lock';
import { closeFile, type DownloadPaths } from '../storage/part-file';
import { BodyLimit, sizeCapOf } from './body-limit';
import type { ConnectionBudget } from './host-connections';
import { verifyAndPlace } from './job-finalize';
import { restartNotice } from './restart-notice';
import { openRunStorage } from './run-opening';
import { Transfer } from './transfer';

/** What a run needs of the engine's machinery. */
export interface RunEnv {
  pool: TaskPool;
  clock: Clock;
  /** The timeouts for requests starting now (the settings can change between runs). */
  timeouts: () => ConnectionTimeouts;
  /** Where the *_PROXY variables are read. */
  proxyEnvironment: ProxyEnvironment;
}

export interface RunSetup {
  id: string;
  /** `options.url` is the download's identity; the journal records it. */
  options: AddDownloadOptions;
  settings: EngineSettings;
  directory: string;
  /** Where an earlier run of this download in this process kept its bytes, and its name lock. */
  known?: { paths: DownloadPaths; fileName: string; lock?: NameLock };
  inMemory?: JournalData;
  budget: ConnectionBudget;
  env: RunEnv;
  onProgress: () => void;
  onRetry: (record: RetryRecord) => void;
  onConnections: () => void;
  /** Connections opened ahead of the transfer, before the run exists (0: given back). */
  onOpenedAhead: (count: number) => void;
  /** The last byte arrived: the job shows it is verifying. */
  onVerifying: () => void;
}

export type RunOutcome =
  | { kind: 'complete'; filePath: string; integrity: IntegrityResult[] }
  | { kind: 'stopped' }
  | { kind: 'mismatch'; error: DownloadError; integrity: IntegrityResult[] };

export class JobRun {
  connections = 0;
  /** Set when this run threw away bytes an earlier one (or itself) had downloaded. */
  notice?: DownloadNotice;
  private transfer?: Transfer;
  private stopped = false;
  private closed = false;
  private readonly journal: JournalKeeper;
  private readonly retry: RetryPolicy;
  private readonly limit: BodyLimit;
  /** Why the run must stop although the transfer went well: the folder's margin was reached. */
  private limitError?: DownloadError;
  /** Connections opened ahead of the transfer; released once, after it (or if it never runs). */
  private warmed: string[] = [];

  private constructor(
    private readonly setup: RunSetup,
    readonly remote: RemoteFile,
    private readonly storage: PreparedStorage,
    public scheduler: ChunkScheduler,
    private readonly verifier: DownloadVerifier,
  ) {
    this.retry = retryPolicyFor(setup.settings);
    const cap = sizeCapOf(setup.options, setup.settings);
    this.limit = new BodyLimit(
      setup.directory,
      remote.totalBytes !== undefined,
      cap,
      storage.roomBytes,
      (err) => {
        this.limitError ??= err;
        void this.transfer?.stop();
      },
    );
    this.journal = new JournalKeeper(setup.env.clock, () =>
      this.closed
        ? undefined
        : {
            data: () => this.journalData(),
            path: storage.paths.journalPath,
            fd: storage.fd,
            writtenBytes: this.scheduler.downloadedBytes(),
            ...(remote.totalBytes === undefined ? {} : { totalBytes: remote.totalBytes }),
          },
    );
  }

  get paths(): DownloadPaths {
    return this.storage.paths;
  }

  get fileName(): string {
    return this.storage.fileName;
  }

  /** The download's name lock: a stopped run leaves it held, a completed one released it. */
  get lock(): NameLock {
    return this.storage.lock;
  }

  /** Reads the first response and finds (or creates) where the bytes go. */
  static async open(setup: RunSetup, response: FirstResponse): Promise<JobRun> {
    const { remote, storage, scheduler, verifier, warmed } = await openRunStorage(setup, response);
    const run = new JobRun(setup, remote, storage, scheduler, verifier);
    run.warmed = warmed;
    if (storage.discardedBytes > 0) run.notice = restartNotice(storage.discardedBytes);
    if (remote.totalBytes === undefined && scheduler.all().length === 0) run.startSingleStream();
    return run;
  }

  /** Transfers, verifies and places the file; a stop ends it with the bytes kept. */
  async execute(response: FirstResponse): Promise<RunOutcome> {
    // The journal exists from the first byte on, so a kill at any moment leaves a resumable pair.
    if (!this.storage.resumed) await this.journal.save(true);
    this.verifier.start(this.paths.partPath);
    let first = this.firstResponseUsable(response) ? response : undefined;
    if (!first) response.abandon();
    for (;;) {
      if (this.scheduler.isComplete()) return this.verifyAndPlace();
      if (this.stopped) return { kind: 'stopped' };
      const outcome = await this.transferOnce(first);
      first = undefined;
      if (this.limitError) throw this.limitError;
      if (outcome.kind === 'complete') return this.verifyAndPlace();
      if (outcome.kind === 'stopped') return { kind: 'stopped' };
      if (outcome.kind === 'failed' && outcome.error.code === 'FILE_TOO_LARGE')
        throw await this.limit.exceeded();
      if (outcome.kind === 'failed') throw DownloadError.fromInfo(outcome.error);
      this.continueAsOneStream();
    }
  }

  /** Ends the transfer in flight; `execute` then resolves as stopped. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.transfer?.stop();
  }

  /** Saves where it stopped and releases the file; the name stays locked. Safe to call again. */
  async close(): Promise<void> {
    this.releaseWarmed();
    if (this.closed) return;
    await this.journal.save(true).catch(() => undefined);
    this.closed = true;
    this.journal.stop();
    await this.verifier.dispose();
    await closeFile(this.storage.fd).catch(() => undefined);
  }

  /** The resume state as the journal records it; also what a resume in this process starts from. */
  journalData(): JournalData {
    const { remote, scheduler, fileName } = this;
    return journalDataOf({ url: this.setup.options.url, fileName, remote, scheduler });
  }

  /** The first response continues as the first chunk when that chunk starts at byte 0 untouched. */
  private firstResponseUsable(response: FirstResponse): boolean {
    const result = interpretProbe(response.meta, this.setup.env.clock.now());
    const bodyUsable = result.kind === 'single' ? result.reuseProbe : true;
    const first = this.scheduler.all()[0];
    const fromZero =
      first === undefined
        ? this.remote.totalBytes === undefined
        : first.position === 0 && first.status === 'pending';
    return bodyUsable && fromZero && !this.stopped;
  }

  private async transferOnce(first: FirstResponse | undefined) {
    const { setup, remote } = this;
    this.connections = remote.rangeSupported ? Math.max(1, setup.budget.grant()) : 1;
    setup.onConnections();
    const transfer = new Transfer({
      downloadId: setup.id,
      url: remote.finalUrl,
      fd: this.storage.fd,
      rangeSupported: remote.rangeSupported,
      ...expectationOf(remote),
      connections: this.connections,
      ...(this.limit.maxBytes === undefined ? {} : { maxBodyBytes: this.limit.maxBytes }),
      timeouts: setup.env.timeouts(),
      extraHeaders: setup.options.headers ?? {},
      credentialsOrigin: new URL(setup.options.url).origin,
      proxy: proxyUrlFor(remote.finalUrl, setup.options.proxy, setup.settings, setup.env.proxyEnvironment),
      scheduler: this.scheduler,
      pool: setup.env.pool,
      clock: setup.env.clock,
      retry: this.retry,
      hostLimit: () => setup.budget.hostLimit(),
      onRefused: (working) => {
        setup.budget.noteRefusal(working);
        setup.onConnections();
      },
      onProgress: () => {
        const watermark = this.scheduler.watermark();
        this.limit.note(watermark);
        this.verifier.advance(watermark);
        this.journal.noteWritten();
        setup.onProgress();
      },
      onRetry: setup.onRetry,
    });
    this.transfer = transfer;
    this.journal.start();
    const chunk = this.scheduler.all()[0];
    try {
      return await transfer.run(first && chunk ? { response: first, chunk } : undefined);
    } finally {
      this.journal.stop();
      this.transfer = undefined;
      // The transfer released its own connections; any opened beyond them go too.
      this.releaseWarmed();
    }
  }

  private releaseWarmed(): void {
    for (const key of this.warmed.splice(0)) this.setup.env.pool.release(key);
  }

  /** The server stopped honouring ranges: everything is fetched again as one stream. */
  private continueAsOneStream(): void {
    const discarded = this.scheduler.downloadedBytes();
    if (discarded > 0) this.notice = restartNotice(discarded);
    this.remote.rangeSupported = false;
    this.setup.onRetry({
      kind: 'file',
      at: this.setup.env.clock.now(),
      error: {
        code: 'RANGE_UNSUPPORTED',
        message: 'the server ignored byte ranges; continuing as one stream',
        retryable: true,
      },
    });
    this.startSingleStream();
    this.verifier.start(this.paths.partPath);
  }

  /** Without usable ranges the whole file is one chunk, read from the first byte to the end. */
  private startSingleStream(): void {
    const total = this.remote.totalBytes;
    const end = total === undefined ? Infinity : total - 1;
    this.scheduler = new ChunkScheduler([{ start: 0, end, written: 0, crc: 0 }], 1, this.retry.maxRetries);
  }

  private async verifyAndPlace(): Promise<RunOutcome> {
    // A resume with nothing left to fetch never used them.
    this.releaseWarmed();
    // The last byte is on disk: the journal says so by the time the download shows as verifying,
    // so a kill while verifying resumes with nothing to fetch. The digests are finished meanwhile.
    // It need not survive a power cut (the one before it does, and the file is placed moments
    // later), so it does not wait for the disk. A journal that cannot be written costs only that.
    // A smaller file still waits for any save already queued: none may run once the file is placed
    // and its journal removed.
    const journalSaved =
      this.scheduler.downloadedBytes() >= JOURNAL_AT_LAST_BYTE_MIN_BYTES
        ? this.journal.save(true, 'crash-safe').catch(() => undefined)
        : this.journal.settled();
    this.closed = true;
    const placing = verifyAndPlace({
      fd: this.storage.fd,
      lengthKnown: this.remote.totalBytes !== undefined,
      paths: this.paths,
      fileName: this.fileName,
      scheduler: this.scheduler,
      verifier: this.verifier,
      journalSaved,
    });
    // Handled below; this only keeps a failure before then from counting as unhandled.
    placing.catch(() => undefined);
    await journalSaved;
    this.setup.onVerifying();
    const finished = await placing;
    // A mismatch leaves the download failed but unfinished: it keeps its name, as a paused one does,
    // so no other run takes its bytes over; a corrected re-check may still complete it.
    if (finished.ok) {
      await this.storage.lock.release();
      await markOfTheWeb(finished.filePath, this.remote.finalUrl);
      return { kind: 'complete', filePath: finished.filePath, integrity: finished.integrity };
    }
    return {
      kind: 'mismatch',
      error: integrityMismatchError(finished.mismatch),
      integrity: finished.integrity,
    };
  }
}
