// An in-memory DownloadEngineApi for testing the hosts (request router, `pdl serve`, Electron IPC)
// without the network. It records calls and lets a test push engine events.
import type {
  AddDownloadOptions,
  DownloadSnapshot,
  DownloadStatus,
  EngineSettings,
} from '../../src-shared/download-types';
import type { DownloadEngineApi, EngineEventMap, EngineEventName } from '../../src-main/engine/engine-api';
import { DownloadError } from '../../src-main/engine/errors';

export const DEFAULT_FAKE_SETTINGS: EngineSettings = {
  directory: '/downloads',
  maxConcurrentDownloads: 3,
  connectionsPerDownload: 8,
  chunkSizeBytes: 0,
  minSplitBytes: 1048576,
  maxConnectionsTotal: 32,
  maxRetries: 5,
  speedLimitBps: 0,
  maxFileSizeBytes: 0,
  proxy: '',
  noProxy: '',
  timeoutSeconds: 30,
  connectTimeoutSeconds: 15,
  waitForServerSeconds: 300,
};

export interface FakeEngine extends DownloadEngineApi {
  /** Every call, in order, e.g. `['pause', 'd1']`. */
  readonly calls: unknown[][];
  emit<E extends EngineEventName>(event: E, payload: EngineEventMap[E]): void;
  /** Puts a download in a given state (e.g. completed with a file path) and announces it. */
  setStatus(id: string, status: DownloadStatus, patch?: Partial<DownloadSnapshot>): DownloadSnapshot;
  listenerCount(): number;
  /** Makes the next call of `method` throw this error. */
  failNext(method: keyof DownloadEngineApi, error: unknown): void;
}

export function snapshotFor(id: string, options: AddDownloadOptions, directory: string): DownloadSnapshot {
  return {
    id,
    url: options.url,
    fileName: options.fileName,
    directory: options.directory ?? directory,
    status: 'queued',
    downloadedBytes: 0,
    speedBps: 0,
    connections: options.connections ?? 8,
    chunks: [],
    retries: [],
    integrity: [],
    createdAt: 0,
  };
}

export function createFakeEngine(initial: Partial<EngineSettings> = {}): FakeEngine {
  let settings: EngineSettings = { ...DEFAULT_FAKE_SETTINGS, ...initial };
  const downloads = new Map<string, DownloadSnapshot>();
  const listeners = new Map<EngineEventName, Set<(payload: never) => void>>();
  const calls: unknown[][] = [];
  const failures = new Map<string, unknown>();
  let nextId = 1;

  function emit<E extends EngineEventName>(event: E, payload: EngineEventMap[E]): void {
    for (const listener of listeners.get(event) ?? []) (listener as (p: EngineEventMap[E]) => void)(payload);
  }

  function record(method: string, ...args: unknown[]): void {
    calls.push([method, ...args]);
    const failure = failures.get(method);
    if (failures.delete(method)) throw failure;
  }

  function existing(id: string): DownloadSnapshot {
    const snapshot = downloads.get(id);
    if (!snapshot) throw new DownloadError('NOT_FOUND', `No download with id ${id}`);
    return snapshot;
  }

  function setStatus(
    id: string,
    status: DownloadStatus,
    patch: Partial<DownloadSnapshot> = {},
  ): DownloadSnapshot {
    const next = { ...existing(id), ...patch, status };
    downloads.set(id, next);
    emit('status-changed', next);
    return next;
  }

  return {
    calls,
    emit,
    setStatus,
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    failNext: (method, error) => void failures.set(method, error),
    async add(options) {
      record('add', options);
      if (!/^https?:/.test(options.url))
        throw new DownloadError('INVALID_URL', `Not an http(s) URL: ${options.url}`);
      const snapshot = snapshotFor(`d${nextId++}`, options, settings.directory);
      downloads.set(snapshot.id, snapshot);
      emit('status-changed', snapshot);
      return snapshot;
    },
    async pause(id) {
      record('pause', id);
      setStatus(id, 'paused');
    },
    async resume(id) {
      record('resume', id);
      setStatus(id, 'queued');
    },
    async cancel(id) {
      record('cancel', id);
      setStatus(id, 'cancelled');
    },
    async retry(id) {
      record('retry', id);
      setStatus(id, 'queued');
    },
    async remove(id, options) {
      record('remove', id, options);
      existing(id);
      downloads.delete(id);
      emit('removed', { ids: [id] });
    },
    reorder(id, toIndex) {
      record('reorder', id, toIndex);
      const snapshot = existing(id);
      const order = [...downloads.values()].filter((d) => d.id !== id);
      order.splice(Math.min(toIndex, order.length), 0, snapshot);
      downloads.clear();
      for (const d of order) downloads.set(d.id, d);
    },
    async recheck(id, checksums) {
      record('recheck', id, checksums);
      setStatus(id, 'completed');
    },
    async refreshUrl(id, url) {
      record('refreshUrl', id, url);
      downloads.set(id, { ...existing(id), url });
    },
    list: () => [...downloads.values()],
    get: (id) => downloads.get(id),
    settings: () => ({ ...settings }),
    updateSettings(patch) {
      record('updateSettings', patch);
      settings = { ...settings, ...patch };
      return { ...settings };
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    async shutdown() {
      record('shutdown');
      for (const d of downloads.values()) {
        if (d.status === 'downloading' || d.status === 'queued') setStatus(d.id, 'paused');
      }
    },
  };
}
