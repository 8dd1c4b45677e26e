// The engine facade: a FIFO queue with a concurrency limit, typed events, and persistence of the
// queue. The CLI, `pdl serve` and the Electron shell all drive downloads through this class.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  AddDownloadOptions,
  DownloadSnapshot,
  EngineSettings,
  ExpectedChecksum,
} from '../../src-shared/download-types';
import { systemClock, type Clock } from './clock';
import { DownloadJob } from './job/download-job';
import { HostConnectionLimits } from './job/host-connections';
import { restoredStateOf, storedDownloadOf } from './job/job-record';
import { RUNNING_STATUSES } from './job/job-status';
import type { DownloadEngineApi, EngineEventMap, EngineEventName } from './engine-api';
import { EngineEvents } from './engine-events';
import { sampledJob } from './job/sampled-job';
import { applySettingsPatch, connectionTimeouts, defaultSettings } from './engine-settings';
import { DownloadError } from './errors';
import { chunkWorkerScript, WorkerPool } from './fetch/worker-pool';
import type { ConnectionTimeouts } from './fetch/worker-protocol';
import { validateAddOptions, validateChecksums } from './add-options';
import { findQueuedDuplicate } from './duplicate-check';
import { ProgressSampler } from './progress/progress-sampler';
import { QueueStore, type StoredDownload } from './queue-store';
import { SpeedLimiter } from './fetch/speed-limiter';
import type { ProxyEnvironment } from './fetch/proxy-config';
import { QueueSchedule } from './queue-schedule';

export interface EngineOptions {
  settings?: Partial<EngineSettings>;
  /** Where the queue is persisted; undefined = not persisted (the CLI). */
  stateDir?: string;
  /** Folder holding the built chunk-worker.js. */
  workerDir?: string;
  /**
   * Workers already started, which the engine then owns and closes. The CLI starts them before it
   * loads the engine's modules, so the workers' own start-up runs alongside.
   */
  pool?: WorkerPool;
  clock?: Clock;
  /** Finer timeouts than the settings' whole seconds, in ms; each one given wins over its setting. */
  timeouts?: Partial<ConnectionTimeouts>;
  workerThreads?: number;
  /** Where HTTPS_PROXY, NO_PROXY and the like are read (default: process.env). */
  proxyEnvironment?: ProxyEnvironment;
}

const LIMITED: ReadonlySet<DownloadSnapshot['status']> = new Set(['probing', 'downloading']);

export class DownloadEngine implements DownloadEngineApi {
  private readonly jobs = new Map<string, DownloadJob>();
  private order: string[] = [];
  private current: EngineSettings;
  private readonly pool: WorkerPool;
  private readonly clock: Clock;
  private readonly sampler: ProgressSampler;
  private readonly store?: QueueStore;
  private readonly events = new EngineEvents();
  private readonly timeoutOverrides: Partial<ConnectionTimeouts>;
  private closing = false;
  private readonly hostLimits: HostConnectionLimits;
  private readonly limiter: SpeedLimiter;
  private readonly proxyEnvironment: ProxyEnvironment;
  private readonly schedule: QueueSchedule;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.hostLimits = new HostConnectionLimits(this.clock);
    this.current = applySettingsPatch(defaultSettings(), options.settings ?? {});
    this.pool = options.pool ?? new WorkerPool(chunkWorkerScript(options.workerDir), options.workerThreads);
    this.limiter = new SpeedLimiter((message) => this.pool.broadcast(message));
    this.proxyEnvironment = options.proxyEnvironment ?? { ...process.env };
    this.timeoutOverrides = options.timeouts ?? {};
    this.sampler = new ProgressSampler(this.clock, (batch) => this.events.emit('progressed', batch));
    if (options.stateDir) this.store = new QueueStore(options.stateDir);
    this.schedule = new QueueSchedule(this.clock, (held) => (held ? this.holdQueue() : this.pump()));
    this.schedule.apply(this.current);
  }

  /** Restores the persisted queue; downloads that were running continue. */
  async restore(): Promise<void> {
    if (!this.store) return;
    for (const stored of await this.store.load()) this.restoreOne(stored);
    await Promise.all([...this.jobs.values()].map((job) => job.holdName()));
    this.pump();
  }

  async add(options: AddDownloadOptions): Promise<DownloadSnapshot> {
    const { allowDuplicate, ...valid } = validateAddOptions(options);
    const directory = path.resolve(valid.directory ?? this.current.directory);
    if (!allowDuplicate) {
      const duplicate = findQueuedDuplicate(this.jobs.values(), valid, directory);
      if (duplicate) throw duplicate;
    }
    const job = this.createJob(randomUUID(), valid, directory, this.clock.now());
    this.order.push(job.id);
    this.emitStatus(job);
    this.pump();
    return job.snapshot(this.clock.now());
  }

  async pause(id: string): Promise<void> {
    await this.require(id).pause();
  }

  async resume(id: string): Promise<void> {
    this.require(id).resume();
  }

  async cancel(id: string): Promise<void> {
    await this.require(id).cancel();
  }

  async retry(id: string): Promise<void> {
    await this.require(id).retry();
  }

  async remove(id: string, options: { deleteFile: boolean }): Promise<void> {
    const job = this.require(id);
    await job.cancel();
    if (options.deleteFile && job.filePath) await fs.promises.rm(job.filePath, { force: true });
    this.jobs.delete(id);
    this.order = this.order.filter((other) => other !== id);
    this.sampler.forget(id);
    this.events.emit('removed', { ids: [id] });
    this.persist();
  }

  reorder(id: string, toIndex: number): void {
    this.require(id);
    const rest = this.order.filter((other) => other !== id);
    const index = Math.max(0, Math.min(rest.length, Math.trunc(toIndex)));
    rest.splice(index, 0, id);
    this.order = rest;
    this.persist();
  }

  async refreshUrl(id: string, url: string): Promise<void> {
    const job = this.require(id);
    validateAddOptions({ url });
    job.refreshUrl(url);
  }

  async recheck(id: string, checksums: ExpectedChecksum[]): Promise<void> {
    await this.require(id).recheck(validateChecksums(checksums));
  }

  list(): DownloadSnapshot[] {
    const now = this.clock.now();
    return this.order.map((id) => this.jobs.get(id)!.snapshot(now));
  }

  get(id: string): DownloadSnapshot | undefined {
    return this.jobs.get(id)?.snapshot(this.clock.now());
  }

  settings(): EngineSettings {
    return { ...this.current };
  }

  updateSettings(patch: Partial<EngineSettings>): EngineSettings {
    this.current = applySettingsPatch(this.current, patch);
    this.schedule.apply(this.current);
    this.pump();
    this.applySpeedLimit();
    return this.settings();
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEventMap[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  async shutdown(): Promise<void> {
    this.closing = true;
    this.schedule.stop();
    const running = [...this.jobs.values()].filter((job) => RUNNING_STATUSES.has(job.status));
    // Downloads stopped by quitting continue on the next start.
    await Promise.all(running.map((job) => job.quit()));
    await Promise.all([...this.jobs.values()].map((job) => job.releaseName()));
    this.sampler.flush();
    this.sampler.stop();
    await this.persist();
    await this.pool.close();
  }

  private createJob(
    id: string,
    options: AddDownloadOptions,
    directory: string,
    createdAt: number,
    stored?: StoredDownload,
  ) {
    const job = new DownloadJob(
      id,
      options,
      directory,
      createdAt,
      () => this.current,
      {
        pool: this.pool,
        clock: this.clock,
        proxyEnvironment: this.proxyEnvironment,
        // Read as each request starts, so a changed setting applies to the next attempt.
        timeouts: () => connectionTimeouts(this.current, this.timeoutOverrides),
        hostLimits: this.hostLimits,
        onStatus: (changed) => this.onJobStatus(changed),
        onProgress: (changed) => this.sampler.markDirty(sampledJob(changed)),
        connectionAllowance: (asking) => {
          const others = [...this.jobs.values()]
            // A download still probing may hold connections opened ahead of its transfer.
            .filter(
              (other) => other !== asking && (other.status === 'downloading' || other.status === 'probing'),
            )
            .reduce((sum, other) => sum + other.connections, 0);
          return this.current.maxConnectionsTotal - others;
        },
        onConnectionsChanged: (changed) => {
          this.sampler.markDirty(sampledJob(changed));
          this.applySpeedLimit();
        },
      },
      stored ? restoredStateOf(stored) : undefined,
    );
    this.jobs.set(id, job);
    return job;
  }

  private restoreOne(stored: StoredDownload): void {
    const job = this.createJob(stored.id, stored.options, stored.directory, stored.createdAt, stored);
    this.order.push(job.id);
  }

  private onJobStatus(job: DownloadJob): void {
    this.emitStatus(job);
    if (!RUNNING_STATUSES.has(job.status)) this.pump();
    this.applySpeedLimit();
  }

  /**
   * A probing download counts as at least one connection: its first response may become its first
   * chunk, and any connections it opened ahead are about to carry its ranges.
   */
  private applySpeedLimit(): void {
    const running = [...this.jobs.values()].filter((job) => LIMITED.has(job.status));
    this.limiter.apply(
      running.map((job) => ({
        id: job.id,
        connections: Math.max(1, job.connections),
        limitBps: job.options.maxBytesPerSecond ?? 0,
      })),
      this.current.speedLimitBps,
    );
  }

  private emitStatus(job: DownloadJob): void {
    // Progress that happened before this change must not arrive after it.
    this.sampler.flush();
    if (RUNNING_STATUSES.has(job.status)) this.sampler.markDirty(sampledJob(job));
    const snapshot = job.snapshot(this.clock.now());
    this.sampler.sentInFull(snapshot);
    this.events.emit('status-changed', snapshot);
    this.persist();
  }

  /** The scheduled stop: running downloads go back to the queue and continue at the next start. */
  private holdQueue(): void {
    for (const job of this.jobs.values()) if (RUNNING_STATUSES.has(job.status)) void job.quit();
  }

  private pump(): void {
    if (this.closing || this.schedule.held) return;
    let active = [...this.jobs.values()].filter((job) => RUNNING_STATUSES.has(job.status)).length;
    for (const id of this.order) {
      if (active >= this.current.maxConcurrentDownloads) break;
      const job = this.jobs.get(id)!;
      if (job.status !== 'queued') continue;
      active++;
      void job.start();
    }
  }

  private persist(): Promise<void> {
    if (!this.store) return Promise.resolve();
    const now = this.clock.now();
    const downloads = this.order.map((id) => storedDownloadOf(this.jobs.get(id)!, now));
    return this.store.save(downloads).catch(() => undefined);
  }

  private require(id: string): DownloadJob {
    const job = this.jobs.get(id);
    if (!job) throw new DownloadError('NOT_FOUND', `no download with id ${id}`);
    return job;
  }
}

export async function createDownloadEngine(options: EngineOptions = {}): Promise<DownloadEngineApi> {
  const engine = new DownloadEngine(options);
  await engine.restore();
  return engine;
}
