// One download's lifecycle: probe, storage, transfer, verification and the final rename, plus pause,
// cancel and the journal cadence. Boundaries belong to the scheduler; bytes to the workers.
import fs from 'node:fs';
import type {
  AddDownloadOptions,
  EngineSettings,
  DownloadStatus,
  ErrorInfo,
  IntegrityResult,
  RetryRecord,
} from '../../src-shared/download-types';
import type { Clock, TimerHandle } from './clock';
import { DownloadError } from './errors';
import type { WorkerPool } from './fetch/worker-pool';
import type { ConnectionTimeouts, ResponseMeta, WorkerToMain } from './fetch/worker-protocol';
import { DownloadVerifier } from './integrity/download-verifier';
import { parseReferenceHeaders } from './integrity/reference-headers';
import { firstMismatch, integrityMismatchError, userReferences } from './integrity/verify-results';
import { prepareStorage, type PreparedStorage, type RemoteFile } from './job-storage';
import { chooseFileName } from './naming/sanitize-file-name';
import { ChunkScheduler } from './plan/chunk-scheduler';
import { interpretProbe } from './plan/probe-result';
import { statusError } from './plan/response-check';
import { SpeedMeter } from './progress/speed-meter';
import { removeJournal, writeJournalAtomically, type JournalData } from './storage/journal';
import {
  closeFile,
  ensureDirectory,
  finalizePartFile,
  syncData,
  truncateFile,
  type DownloadPaths,
} from './storage/part-file';
import { Transfer } from './transfer';
import { nextRetryDelayMs } from './fetch/retry-policy';
import { snapshotJob, type JobView } from './job-snapshot';
import type { StoredDownload } from './queue-store';

export const JOURNAL_INTERVAL_MS = 1_000;
const MAX_RETRY_RECORDS = 200;
const MAX_REDIRECTS = 10;

export interface JobDeps {
  pool: WorkerPool;
  clock: Clock;
  digestWorkerScript: string;
  timeouts: ConnectionTimeouts;
  onStatus: (job: DownloadJob) => void;
  onProgress: (job: DownloadJob) => void;
  /** The number of connections a host accepted before refusing more, if one was seen. */
  hostConnectionLimit: (host: string) => number | undefined;
  /** Connections left under the global cap once the other running downloads are counted. */
  connectionAllowance: (job: DownloadJob) => number;
  onConnectionsChanged: (job: DownloadJob, host: string, refusedAbove?: number) => void;
}

export class DownloadJob implements JobView {
  status: DownloadStatus = 'queued';
  error?: ErrorInfo;
  remote?: RemoteFile;
  storage?: Pick<PreparedStorage, 'paths' | 'fileName'>;
  filePath?: string;
  completedAt?: number;
  scheduler?: ChunkScheduler;
  connections = 0;
  readonly retries: RetryRecord[] = [];
  integrity: IntegrityResult[] = [];
  readonly meter = new SpeedMeter();
  private fd?: number;
  private transfer?: Transfer;
  private probeTask?: number;
  private probeWaiter?: (message: WorkerToMain) => void;
  /** Messages of the probe task that arrive before its transfer exists. */
  private earlyMessages: WorkerToMain[] = [];
  private journalWrite: Promise<void> = Promise.resolve();
  private stopRequest?: 'pause' | 'cancel';
  private running?: Promise<void>;
  private journalTimer?: TimerHandle;
  private lastJournal = '';
  private integrityRetried = false;
  /** A replacement for an expired link; the download's identity stays `options.url`. */
  private sourceUrl?: string;

  constructor(
    readonly id: string,
    readonly options: AddDownloadOptions,
    readonly directory: string,
    readonly createdAt: number,
    private readonly settings: () => EngineSettings,
    private readonly deps: JobDeps,
    knownPaths?: { paths: DownloadPaths; fileName: string },
  ) {
    if (knownPaths) this.storage = knownPaths;
  }

  /** The next run fetches from `url`; it continues only if size and validators still match. */
  refreshUrl(url: string): void {
    this.sourceUrl = url;
    this.error = undefined;
  }

  restore(stored: StoredDownload): void {
    const wasRunning =
      stored.status === 'probing' || stored.status === 'downloading' || stored.status === 'verifying';
    this.status = wasRunning ? 'queued' : stored.status;
    if (stored.error) this.error = stored.error;
    if (stored.filePath) this.filePath = stored.filePath;
    if (stored.completedAt !== undefined) this.completedAt = stored.completedAt;
    if (stored.integrity) this.integrity = stored.integrity;
  }

  toStored(): StoredDownload {
    const stored: StoredDownload = {
      id: this.id,
      options: this.options,
      directory: this.directory,
      createdAt: this.createdAt,
      status: this.status,
    };
    if (this.storage) {
      stored.fileName = this.storage.fileName;
      stored.finalPath = this.storage.paths.finalPath;
    }
    if (this.filePath) stored.filePath = this.filePath;
    if (this.completedAt !== undefined) stored.completedAt = this.completedAt;
    if (this.error) stored.error = this.error;
    if (this.integrity.length > 0) stored.integrity = this.integrity;
    return stored;
  }

  get paths(): DownloadPaths | undefined {
    return this.storage?.paths;
  }

  snapshot(now: number) {
    return snapshotJob(this, now);
  }

  /** Runs the download until it completes, fails, or is paused or cancelled. */
  run(): Promise<void> {
    this.stopRequest = undefined;
    this.error = undefined;
    this.running = this.execute().finally(() => (this.running = undefined));
    return this.running;
  }

  async pause(): Promise<void> {
    if (this.status === 'queued') return this.setStatus('paused');
    if (!this.running) return;
    this.stopRequest = 'pause';
    await this.interrupt();
  }

  async cancel(): Promise<void> {
    this.stopRequest = 'cancel';
    if (this.running) await this.interrupt();
    else await this.discardFiles();
    this.setStatus('cancelled');
  }

  /** Forgets everything written so far: the next run starts from the first byte. */
  async discardFiles(): Promise<void> {
    if (!this.paths) return;
    await fs.promises.rm(this.paths.partPath, { force: true });
    await removeJournal(this.paths.journalPath);
    this.storage = undefined;
    this.scheduler = undefined;
  }

  private async interrupt(): Promise<void> {
    if (this.probeTask !== undefined) this.deps.pool.send({ type: 'abort', taskId: this.probeTask });
    await this.transfer?.stop();
    await this.running;
  }

  private async execute(): Promise<void> {
    this.setStatus('probing');
    this.earlyMessages = [];
    let verifier: DownloadVerifier | undefined;
    try {
      await ensureDirectory(this.directory);
      const probe = await this.probeWithRetries();
      if (this.stopRequest) throw new DownloadError('ABORTED', 'stopped', false);
      const encoding = probe.meta.headers['content-encoding']?.trim().toLowerCase();
      const bytesAreDecoded = !!encoding && encoding !== 'identity';
      const serverRefs = parseReferenceHeaders(probe.meta.headers, { bytesAreDecoded }).references;
      verifier = new DownloadVerifier(
        [...userReferences(this.options.checksums ?? []), ...serverRefs],
        this.deps.digestWorkerScript,
      );
      await this.download(probe, verifier);
    } catch (err) {
      await this.endFailed(DownloadError.from(err));
    } finally {
      await verifier?.dispose();
    }
  }

  private async probeWithRetries(): Promise<{ meta: ResponseMeta; taskId: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const probe = await this.probeOnce();
        // An error status on the first request is retried like any other attempt (503, 429, 500...).
        if (![200, 206, 416].includes(probe.meta.status)) {
          this.abortProbe();
          throw statusError(probe.meta.status, probe.meta.headers, this.deps.clock.now());
        }
        return probe;
      } catch (err) {
        const error = DownloadError.from(err);
        if (this.stopRequest || !error.retryable || attempt > this.settings().maxRetries) throw error;
        const delayMs = nextRetryDelayMs(attempt, (err as { retryAfterMs?: number }).retryAfterMs);
        const now = this.deps.clock.now();
        this.recordRetry({
          chunkId: 0,
          attempt,
          at: now,
          error: error.toInfo(),
          nextAttemptAt: now + delayMs,
        });
        await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, delayMs));
        if (this.stopRequest) throw new DownloadError('ABORTED', 'stopped', false);
      }
    }
  }

  private probeOnce(): Promise<{ meta: ResponseMeta; taskId: number }> {
    return new Promise((resolve, reject) => {
      this.probeWaiter = (message) => {
        if (message.type === 'headers') {
          this.probeWaiter = undefined;
          resolve({ meta: message.meta, taskId: message.taskId });
        } else if (message.type === 'failed') {
          this.probeWaiter = undefined;
          this.probeTask = undefined;
          reject(
            Object.assign(
              new DownloadError(
                message.error.code,
                message.error.message,
                message.error.retryable,
                message.error.status,
              ),
              { retryAfterMs: message.error.retryAfterMs },
            ),
          );
        }
      };
      this.probeTask = this.deps.pool.start(
        {
          type: 'probe',
          connectionKey: `${this.id}:0`,
          url: this.sourceUrl ?? this.options.url,
          timeouts: this.deps.timeouts,
          extraHeaders: { 'x-amz-checksum-mode': 'ENABLED' },
          maxRedirects: MAX_REDIRECTS,
        },
        (message) => {
          if (this.probeWaiter) this.probeWaiter(message);
          else if (this.transfer) this.transfer.handle(message);
          else this.earlyMessages.push(message);
        },
      );
    });
  }

  private async download(
    probe: { meta: ResponseMeta; taskId: number },
    verifier: DownloadVerifier,
  ): Promise<void> {
    const result = interpretProbe(probe.meta, this.deps.clock.now());
    const remote: RemoteFile = {
      ...result,
      url: this.options.url,
      totalBytes: result.kind === 'empty' ? 0 : result.totalBytes,
      rangeSupported: result.kind === 'ranged',
    };
    // A journal that could not be written (a full disk) must not cost what this process knows.
    const inMemory = this.journalData();
    this.remote = remote;
    const settings = this.settings();
    const fileName =
      this.storage?.fileName ??
      chooseFileName({
        finalUrl: result.finalUrl,
        ...(result.contentDisposition ? { contentDisposition: result.contentDisposition } : {}),
        ...(this.options.fileName ? { userFileName: this.options.fileName } : {}),
      });
    const prepared = await prepareStorage({
      directory: this.directory,
      fileName,
      remote,
      plan: {
        connections: this.connectionsWanted(),
        chunkSizeBytes: this.options.chunkSizeBytes ?? settings.chunkSizeBytes,
        minSplitBytes: settings.minSplitBytes,
      },
      ...(this.paths ? { knownPaths: this.paths } : {}),
      ...(inMemory ? { inMemory } : {}),
      restart: this.options.restart === true,
    });
    this.fd = prepared.fd;
    this.storage = { paths: prepared.paths, fileName: prepared.fileName };
    this.scheduler = new ChunkScheduler(prepared.chunks, settings.minSplitBytes, settings.maxRetries);
    // The journal exists from the first byte on, so a kill at any moment leaves a resumable pair.
    if (!prepared.resumed) await this.saveJournal(true);
    this.setStatus('downloading');
    verifier.start(prepared.paths.partPath);
    const reuseProbe = this.probeReusable(result.kind === 'single' ? result.reuseProbe : true);
    const outcome = await this.transferAll(reuseProbe ? probe.taskId : undefined, verifier);
    if (outcome === 'complete') await this.verifyAndFinalize(verifier);
  }

  /** The probe's body continues as the first chunk when that chunk starts at byte 0 untouched. */
  private probeReusable(probeBodyUsable: boolean): boolean {
    const first = this.scheduler!.all()[0];
    const fromZero =
      first === undefined
        ? this.remote!.totalBytes === undefined
        : first.position === 0 && first.status === 'pending';
    const reuse = probeBodyUsable && fromZero && !this.stopRequest;
    if (!reuse && this.probeTask !== undefined)
      this.deps.pool.send({ type: 'abort', taskId: this.probeTask });
    return reuse;
  }

  private connectionsWanted(): number {
    return Math.max(1, Math.min(32, this.options.connections ?? this.settings().connectionsPerDownload));
  }

  /** Runs transfers until complete; a server that stops honouring ranges continues as one stream. */
  private async transferAll(
    probeTaskId: number | undefined,
    verifier: DownloadVerifier,
  ): Promise<'complete' | 'stopped'> {
    const remote = this.remote!;
    if (remote.totalBytes === undefined && this.scheduler!.all().length === 0) {
      this.scheduler = new ChunkScheduler(
        [{ start: 0, end: Infinity, written: 0, crc: 0 }],
        1,
        this.settings().maxRetries,
      );
    }
    let adoptTask = probeTaskId;
    for (;;) {
      if (this.scheduler!.isComplete()) return 'complete';
      if (this.stopRequest) {
        await this.endStopped();
        return 'stopped';
      }
      const host = new URL(remote.finalUrl).host;
      const hostLimit = this.deps.hostConnectionLimit(host) ?? Infinity;
      const allowed = Math.min(this.connectionsWanted(), hostLimit, this.deps.connectionAllowance(this));
      const connections = remote.rangeSupported ? Math.max(1, allowed) : 1;
      this.connections = connections;
      this.deps.onConnectionsChanged(this, host);
      const transfer = new Transfer({
        downloadId: this.id,
        url: remote.finalUrl,
        fd: this.fd!,
        rangeSupported: remote.rangeSupported,
        expect: {
          totalBytes: remote.totalBytes ?? 0,
          ...(remote.etag ? { etag: remote.etag } : {}),
          ...(remote.lastModified ? { lastModified: remote.lastModified } : {}),
        },
        ...((remote.etag ?? remote.lastModified) ? { ifRange: (remote.etag ?? remote.lastModified)! } : {}),
        connections,
        timeouts: this.deps.timeouts,
        extraHeaders: {},
        scheduler: this.scheduler!,
        pool: this.deps.pool,
        clock: this.deps.clock,
        onProgress: () => {
          verifier.advance(this.scheduler!.watermark());
          this.deps.onProgress(this);
        },
        onRetry: (record) => this.recordRetry(record),
        onConnectionLimit: (limit) => {
          this.connections = limit;
          this.deps.onConnectionsChanged(this, host, limit);
        },
      });
      this.transfer = transfer;
      this.startJournal();
      let adopted: { taskId: number; chunk: ReturnType<ChunkScheduler['all']>[number] } | undefined;
      if (adoptTask !== undefined) {
        const chunk = this.scheduler!.all()[0]!;
        this.deps.pool.send({
          type: 'continue',
          taskId: adoptTask,
          fd: this.fd!,
          ...(Number.isFinite(chunk.end) ? { end: chunk.end } : {}),
        });
        adopted = { taskId: adoptTask, chunk };
        this.probeTask = undefined;
        adoptTask = undefined;
      }
      const running = transfer.run(adopted);
      for (const message of this.earlyMessages.splice(0)) transfer.handle(message);
      const outcome = await running;
      this.stopJournal();
      this.transfer = undefined;
      if (outcome.kind === 'complete') return 'complete';
      if (outcome.kind === 'stopped') {
        await this.endStopped();
        return 'stopped';
      }
      if (outcome.kind === 'failed')
        throw new DownloadError(
          outcome.error.code,
          outcome.error.message,
          outcome.error.retryable,
          outcome.error.status,
        );
      // The server stopped honouring ranges: everything is fetched again as one stream.
      remote.rangeSupported = false;
      this.recordRetry({
        chunkId: 0,
        attempt: 1,
        at: this.deps.clock.now(),
        error: {
          code: 'RANGE_UNSUPPORTED',
          message: 'the server ignored byte ranges; continuing as one stream',
          retryable: true,
        },
      });
      this.scheduler = new ChunkScheduler(
        [
          {
            start: 0,
            end: remote.totalBytes === undefined ? Infinity : remote.totalBytes - 1,
            written: 0,
            crc: 0,
          },
        ],
        1,
        this.settings().maxRetries,
      );
      verifier.start(this.paths!.partPath);
    }
  }

  private async verifyAndFinalize(verifier: DownloadVerifier): Promise<void> {
    this.setStatus('verifying');
    const scheduler = this.scheduler!;
    const total = scheduler.downloadedBytes();
    // An earlier stream of unknown length may have left more bytes than this one wrote.
    if (this.remote!.totalBytes === undefined) await truncateFile(this.fd!, total, this.paths!.partPath);
    await syncData(this.fd!);
    await closeFile(this.fd!);
    this.fd = undefined;
    verifier.advance(total);
    this.integrity = await verifier.verify(
      total,
      scheduler.persisted().map((c) => ({ crc: c.crc, length: c.written })),
    );
    const mismatch = firstMismatch(this.integrity);
    if (mismatch) {
      await this.saveJournal(true);
      if (!this.integrityRetried) {
        // One automatic re-download: a corrupted transfer is far likelier than a wrong reference.
        this.integrityRetried = true;
        this.recordRetry({
          chunkId: 0,
          attempt: 1,
          at: this.deps.clock.now(),
          error: integrityMismatchError(mismatch).toInfo(),
        });
        await this.discardFiles();
        return this.execute();
      }
      throw integrityMismatchError(mismatch);
    }
    this.filePath = await finalizePartFile(this.paths!, this.storage!.fileName);
    await removeJournal(this.paths!.journalPath);
    this.completedAt = this.deps.clock.now();
    this.setStatus('completed');
  }

  private async endStopped(): Promise<void> {
    await this.saveJournal(true);
    await this.closeFd();
    if (this.stopRequest === 'cancel') {
      await this.discardFiles();
      return;
    }
    this.setStatus('paused');
  }

  /** The first request's response is not used: release its connection for the next request. */
  private abortProbe(): void {
    if (this.probeTask === undefined) return;
    this.deps.pool.send({ type: 'abort', taskId: this.probeTask });
    this.probeTask = undefined;
  }

  private async endFailed(error: DownloadError): Promise<void> {
    this.abortProbe();
    if (error.code === 'ABORTED' && this.stopRequest) return this.endStopped();
    await this.saveJournal(true).catch(() => undefined);
    await this.closeFd();
    this.error = error.toInfo();
    // A full or unwritable disk is the user's to fix; the download waits paused with the reason.
    this.setStatus(error.code === 'DISK_FULL' || error.code === 'FILE_SYSTEM' ? 'paused' : 'failed');
  }

  private async closeFd(): Promise<void> {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    await closeFile(fd);
  }

  private startJournal(): void {
    this.journalTimer = this.deps.clock.setInterval(
      () => void this.saveJournal(false).catch(() => undefined),
      JOURNAL_INTERVAL_MS,
    );
  }

  private stopJournal(): void {
    if (this.journalTimer) this.deps.clock.clearInterval(this.journalTimer);
    this.journalTimer = undefined;
  }

  /** Journal writes are serialised: two renames of one temp file must never interleave. */
  private saveJournal(force: boolean): Promise<void> {
    this.journalWrite = this.journalWrite.catch(() => undefined).then(() => this.writeJournal(force));
    return this.journalWrite;
  }

  /** Flushes the part file first, so the journal never claims bytes that are not on disk. */
  /** The resume state as the journal records it; also what a resume in this process starts from. */
  private journalData(): JournalData | undefined {
    const { remote, scheduler, storage } = this;
    if (!remote || !scheduler || !storage) return undefined;
    return {
      version: 1,
      url: this.options.url,
      finalUrl: remote.finalUrl,
      fileName: storage.fileName,
      rangeSupported: remote.rangeSupported,
      chunks: remote.rangeSupported ? scheduler.persisted() : [],
      ...(remote.totalBytes !== undefined ? { totalBytes: remote.totalBytes } : {}),
      ...(remote.etag ? { etag: remote.etag } : {}),
      ...(remote.lastModified ? { lastModified: remote.lastModified } : {}),
    };
  }

  private async writeJournal(force: boolean): Promise<void> {
    const data = this.journalData();
    const { paths, fd } = this;
    if (!data || !paths || fd === undefined) return;
    const text = JSON.stringify(data);
    if (!force && text === this.lastJournal) return;
    await syncData(fd);
    await writeJournalAtomically(paths.journalPath, data);
    this.lastJournal = text;
  }

  private recordRetry(record: RetryRecord): void {
    this.retries.push(record);
    if (this.retries.length > MAX_RETRY_RECORDS) this.retries.shift();
    this.deps.onProgress(this);
  }

  private setStatus(status: DownloadStatus): void {
    this.status = status;
    this.deps.onStatus(this);
  }
}
