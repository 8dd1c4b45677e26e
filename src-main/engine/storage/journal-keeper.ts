// Keeps a download's journal current: at most once per JOURNAL_INTERVAL_MS while it runs, only when
// it changed, serialised, and always after flushing the part file, so it never claims bytes that
// are not on disk.
import type { Clock, TimerHandle } from '../clock';
import type { RemoteFile } from './job-storage';
import type { ChunkScheduler } from '../plan/chunk-scheduler';
import { writeJournalAtomically, type JournalData } from './journal';
import { syncData } from './part-file';

export const JOURNAL_INTERVAL_MS = 1_000;
/**
 * From this size on, the journal is written the moment the last byte is on disk, so a kill while
 * verifying costs nothing; a smaller file costs less to fetch again than the flushes cost.
 */
export const JOURNAL_AT_LAST_BYTE_MIN_BYTES = 1024 * 1024;

/** The resume state as the journal records it (also what a resume in this process starts from). */
export function journalDataOf(input: {
  url: string;
  fileName: string;
  remote: RemoteFile;
  scheduler: ChunkScheduler;
}): JournalData {
  const { remote } = input;
  return {
    version: 1,
    url: input.url,
    finalUrl: remote.finalUrl,
    fileName: input.fileName,
    rangeSupported: remote.rangeSupported,
    chunks: remote.rangeSupported ? input.scheduler.persisted() : [],
    ...(remote.totalBytes !== undefined ? { totalBytes: remote.totalBytes } : {}),
    ...(remote.etag ? { etag: remote.etag } : {}),
    ...(remote.lastModified ? { lastModified: remote.lastModified } : {}),
  };
}

export interface JournalTarget {
  data: JournalData;
  path: string;
  fd: number;
}

export class JournalKeeper {
  private timer?: TimerHandle;
  private last = '';
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly target: () => JournalTarget | undefined,
  ) {}

  start(): void {
    this.stop();
    this.timer = this.clock.setInterval(
      () => void this.save(false).catch(() => undefined),
      JOURNAL_INTERVAL_MS,
    );
  }

  stop(): void {
    if (this.timer) this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Writes are serialised: two renames of one temp file must never interleave. */
  save(force: boolean): Promise<void> {
    this.writing = this.writing.catch(() => undefined).then(() => this.write(force));
    return this.writing;
  }

  private async write(force: boolean): Promise<void> {
    const target = this.target();
    if (!target) return;
    const text = JSON.stringify(target.data);
    if (!force && text === this.last) return;
    await syncData(target.fd);
    await writeJournalAtomically(target.path, target.data);
    this.last = text;
  }
}
