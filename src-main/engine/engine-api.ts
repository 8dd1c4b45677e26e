// The engine's public surface. The CLI, `pdl serve` and the Electron shell depend on this interface
// only, so each can be tested with a fake engine.
import type {
  AddDownloadOptions,
  DownloadSnapshot,
  EngineSettings,
  ExpectedChecksum,
  ProgressBatch,
} from '../../src-shared/download-types';

export interface EngineEventMap {
  /** Pushed at once on every status change and on add. */
  'status-changed': DownloadSnapshot;
  /** Sampled: at most one batch per progress tick, only downloads that changed. */
  progressed: ProgressBatch;
  removed: { ids: string[] };
}

export type EngineEventName = keyof EngineEventMap;

export interface DownloadEngineApi {
  /** Validates the URL and options, then queues the download. Rejects with a DownloadError. */
  add(options: AddDownloadOptions): Promise<DownloadSnapshot>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  /** Restarts a failed or cancelled download, keeping what was written when that is still valid. */
  retry(id: string): Promise<void>;
  remove(id: string, options: { deleteFile: boolean }): Promise<void>;
  reorder(id: string, toIndex: number): void;
  /** Gives a paused or failed download a new URL; it continues only if size and validators match. */
  refreshUrl(id: string, url: string): Promise<void>;
  /**
   * Checks the bytes of a download that failed its checksum check against corrected checksums, with
   * no request: resolves once it completed or failed again with the new result.
   */
  recheck(id: string, checksums: ExpectedChecksum[]): Promise<void>;
  list(): DownloadSnapshot[];
  get(id: string): DownloadSnapshot | undefined;
  settings(): EngineSettings;
  updateSettings(patch: Partial<EngineSettings>): EngineSettings;
  on<E extends EngineEventName>(event: E, listener: (payload: EngineEventMap[E]) => void): () => void;
  /** Pauses every running download, flushes journals and stops the workers. */
  shutdown(): Promise<void>;
}
