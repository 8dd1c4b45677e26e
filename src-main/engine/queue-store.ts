// The persisted queue: what the app or `pdl serve` restores on the next start. Chunk state lives in
// each download's own journal; this file only lists the downloads.
import fs from 'node:fs';
import path from 'node:path';
import type {
  AddDownloadOptions,
  DownloadStatus,
  ErrorInfo,
  IntegrityResult,
} from '../../src-shared/download-types';
import { writeFileAtomic } from './storage/atomic-file';
import type { RecordedProgress } from './job/recorded-progress';

export interface StoredDownload {
  id: string;
  options: AddDownloadOptions;
  directory: string;
  createdAt: number;
  status: DownloadStatus;
  fileName?: string;
  finalPath?: string;
  filePath?: string;
  completedAt?: number;
  error?: ErrorInfo;
  integrity?: IntegrityResult[];
  /** Size, bytes done, chunk plan and time spent, so a restart shows what the download reached. */
  progress?: RecordedProgress;
}

interface QueueFile {
  version: 1;
  downloads: StoredDownload[];
}

export class QueueStore {
  private readonly file: string;
  private last = '';
  private writing: Promise<void> = Promise.resolve();

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'queue.json');
  }

  async load(): Promise<StoredDownload[]> {
    try {
      const parsed = JSON.parse(await fs.promises.readFile(this.file, 'utf8')) as Partial<QueueFile>;
      if (parsed.version !== 1 || !Array.isArray(parsed.downloads)) throw new Error('unknown format');
      return parsed.downloads.filter(
        (d) =>
          typeof d?.id === 'string' && typeof d.options?.url === 'string' && typeof d.directory === 'string',
      );
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') {
        // Keep the unreadable file for inspection instead of silently overwriting it.
        await fs.promises.rename(this.file, `${this.file}.corrupt`).catch(() => undefined);
      }
      return [];
    }
  }

  /** Atomic and only when changed; writes are serialised. */
  save(downloads: StoredDownload[]): Promise<void> {
    const text = JSON.stringify({ version: 1, downloads } satisfies QueueFile);
    if (text === this.last) return this.writing;
    this.last = text;
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.file, text));
    return this.writing;
  }
}
