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
import type { Clock } from './clock';
import { DownloadError } from './errors';
import type { WorkerPool } from './fetch/worker-pool';
import type { ConnectionTimeouts } from './fetch/worker-protocol';
import { DownloadVerifier } from './integrity/download-verifier';
import { parseReferenceHeaders } from './integrity/reference-headers';
import { integrityMismatchError, userReferences } from './integrity/verify-results';
import { expectationOf, prepareStorage, type PreparedStorage, type RemoteFile } from './job-storage';
import { chooseFileName } from './naming/sanitize-file-name';
import { ChunkScheduler } from './plan/chunk-scheduler';
import { interpretProbe } from './plan/probe-result';
import { hasContentEncoding } from './plan/response-check';
import { SpeedMeter } from './progress/speed-meter';
import { removeJournal, type JournalData } from './storage/journal';
import { closeFile, ensureDirectory, type DownloadPaths } from './storage/part-file';
import { Transfer } from './transfer';
import { verifyAndPlace } from './job-finalize';
import { snapshotJob, type JobView } from './job-snapshot';
import { FirstRequest, type FirstResponse } from './job-first-request';
import { JournalKeeper, journalDataOf } from './job-journal';
import { headersForTarget } from '../../src-shared/request-headers';
import { proxyUrlFor, type ProxyEnvironment } from './fetch/proxy-config';

const MAX_RETRY_RECORDS = 200;

/** A download in one of these states holds connections and counts toward the concurrency limit. */
export const RUNNING_STATUSES: ReadonlySet<DownloadStatus> = new Set(['probing', 'downloading', 'verifying']);

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
  /** Where the *_PROXY variables are read. */
  proxyEnvironment: ProxyEnvironment;
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
  private firstRequest?: FirstRequest;
  private readonly journal: JournalKeeper;
  private stopRequest?: 'pause' | 'cancel';
  private running?: Promise<void>;
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
    this.journal = new JournalKeeper(deps.clock, () => {
      const data = this.journalData();
      const { paths, fd } = this;
      return data && paths && fd !== undefined ? { data, path: paths.journalPath, fd } : undefined;
    });
  }

  /** The next run fetches from `url`; it continues only if size and validators still match. */
  refreshUrl(url: string): void {
    this.sourceUrl = url;
    this.error = undefined;
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
    this.firstRequest?.abort();
    await this.transfer?.stop();
    await this.running;
  }

  private async execute(): Promise<void> {
    this.setStatus('probing');
    const url = this.sourceUrl ?? this.options.url;
    let verifier: DownloadVerifier | undefined;
    try {
      this.firstRequest = new FirstRequest({
        pool: this.deps.pool,
        clock: this.deps.clock,
        connectionKey: `${this.id}:0`,
        url,
        extraHeaders: this.options.headers ?? {},
        proxy: proxyUrlFor(url, this.options.proxy, this.settings(), this.deps.proxyEnvironment),
        timeouts: this.deps.timeouts,
        maxRetries: this.settings().maxRetries,
        stopped: () => this.stopRequest !== undefined,
        onRetry: (record) => this.recordRetry(record),
      });
      await ensureDirectory(this.directory);
      const probe = await this.firstRequest.open();
      if (this.stopRequest) throw new DownloadError('ABORTED', 'stopped', false);
      const bytesAreDecoded = hasContentEncoding(probe.meta.headers);
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

  private async download(probe: FirstResponse, verifier: DownloadVerifier): Promise<void> {
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
    if (!prepared.resumed) await this.journal.save(true);
    this.setStatus('downloading');
    verifier.start(prepared.paths.partPath);
    const reuseProbe = this.probeReusable(result.kind === 'single' ? result.reuseProbe : true);
    const outcome = await this.transferAll(reuseProbe, verifier);
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
    if (!reuse) this.firstRequest?.abort();
    return reuse;
  }

  private connectionsWanted(): number {
    return Math.max(1, Math.min(32, this.options.connections ?? this.settings().connectionsPerDownload));
  }

  /** Runs transfers until complete; a server that stops honouring ranges continues as one stream. */
  private async transferAll(
    reuseFirstResponse: boolean,
    verifier: DownloadVerifier,
  ): Promise<'complete' | 'stopped'> {
    const remote = this.remote!;
    if (remote.totalBytes === undefined && this.scheduler!.all().length === 0) this.startSingleStream();
    let adoptFirst = reuseFirstResponse;
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
        ...expectationOf(remote),
        connections,
        timeouts: this.deps.timeouts,
        extraHeaders: headersForTarget(this.options.headers ?? {}, this.options.url, remote.finalUrl),
        proxy: proxyUrlFor(remote.finalUrl, this.options.proxy, this.settings(), this.deps.proxyEnvironment),
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
      this.journal.start();
      const first = this.scheduler!.all()[0]!;
      const adopted = adoptFirst
        ? { taskId: this.firstRequest!.continueAsChunk(this.fd!, first.end), chunk: first }
        : undefined;
      adoptFirst = false;
      const running = transfer.run(adopted);
      if (adopted) this.firstRequest?.handOver((message) => transfer.handle(message));
      const outcome = await running;
      this.journal.stop();
      this.transfer = undefined;
      if (outcome.kind === 'complete') return 'complete';
      if (outcome.kind === 'stopped') {
        await this.endStopped();
        return 'stopped';
      }
      if (outcome.kind === 'failed') throw DownloadError.fromInfo(outcome.error);
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
      this.startSingleStream();
      verifier.start(this.paths!.partPath);
    }
  }

  /** Without usable ranges the whole file is one chunk, read from the first byte to the end. */
  private startSingleStream(): void {
    const total = this.remote!.totalBytes;
    const end = total === undefined ? Infinity : total - 1;
    this.scheduler = new ChunkScheduler(
      [{ start: 0, end, written: 0, crc: 0 }],
      1,
      this.settings().maxRetries,
    );
  }

  private async verifyAndFinalize(verifier: DownloadVerifier): Promise<void> {
    this.setStatus('verifying');
    const fd = this.fd!;
    this.fd = undefined;
    const finished = await verifyAndPlace({
      fd,
      lengthKnown: this.remote!.totalBytes !== undefined,
      paths: this.paths!,
      fileName: this.storage!.fileName,
      scheduler: this.scheduler!,
      verifier,
    });
    this.integrity = finished.integrity;
    if (!finished.ok) {
      const error = integrityMismatchError(finished.mismatch);
      if (this.integrityRetried) throw error;
      // One automatic re-download: a corrupted transfer is far likelier than a wrong reference.
      this.integrityRetried = true;
      this.recordRetry({ chunkId: 0, attempt: 1, at: this.deps.clock.now(), error: error.toInfo() });
      await this.discardFiles();
      return this.execute();
    }
    this.filePath = finished.filePath;
    this.completedAt = this.deps.clock.now();
    this.setStatus('completed');
  }

  private async endStopped(): Promise<void> {
    await this.journal.save(true);
    await this.closeFd();
    if (this.stopRequest === 'cancel') {
      await this.discardFiles();
      return;
    }
    this.setStatus('paused');
  }

  private async endFailed(error: DownloadError): Promise<void> {
    this.firstRequest?.abort();
    if (error.code === 'ABORTED' && this.stopRequest) return this.endStopped();
    await this.journal.save(true).catch(() => undefined);
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

  /** The resume state as the journal records it; also what a resume in this process starts from. */
  private journalData(): JournalData | undefined {
    const { remote, scheduler, storage } = this;
    if (!remote || !scheduler || !storage) return undefined;
    return journalDataOf({ url: this.options.url, fileName: storage.fileName, remote, scheduler });
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
