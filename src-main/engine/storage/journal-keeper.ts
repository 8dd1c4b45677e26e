// Keeps a download's journal current: at most once per JOURNAL_INTERVAL_MS while it runs, only when
// it changed, serialised, and always after flushing the part file, so it never claims bytes that
// are not on disk. Between journals it flushes the part file whenever enough new data waits, and
// near the end whenever more waits than is still to come, so the flush at the last byte, which the
// user waits for, has little left to write.
import type { Clock, TimerHandle } from '../clock';
import type { RemoteFile } from './job-storage';
import type { ChunkScheduler } from '../plan/chunk-scheduler';
import type { Durability } from './atomic-file';
import { writeJournalAtomically, type JournalData } from './journal';
import { syncData } from './part-file';

export const JOURNAL_INTERVAL_MS = 1_000;
/** How often the keeper looks at how much unflushed data waits between reports (`noteWritten` looks too). */
export const WRITE_BEHIND_CHECK_MS = 100;
/**
 * Unflushed data that earns a flush between journals: a fast link writes this in well under a
 * second; a slow one never reaches it, so it does not wake the disk several times a second.
 */
export const WRITE_BEHIND_BYTES = 16 * 1024 * 1024;
/**
 * Near the end, less than this is left for the last flush rather than flushed ahead: it takes a few
 * milliseconds, and a slow download then wakes the disk at most a few more times.
 */
export const END_FLUSH_MIN_BYTES = 1024 * 1024;
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
  /** Built only when a journal is due: the write-behind check runs many times a second. */
  data: () => JournalData;
  path: string;
  fd: number;
  /** Bytes written to the part file so far (flushed or not). */
  writtenBytes: number;
  /** The file's size, when known: how much is still to come. */
  totalBytes?: number;
}

/** A target's state at the moment a save was asked for: its data and its byte count agree. */
type TakenState = Omit<JournalTarget, 'data'> & { data: JournalData };

export class JournalKeeper {
  private timer?: TimerHandle;
  private last = '';
  private writing: Promise<void> = Promise.resolve();
  private lastJournalAt = 0;
  /** writtenBytes when the last flush started: everything below it is on disk or being flushed. */
  private flushedBytes = 0;
  private flushQueued = false;

  constructor(
    private readonly clock: Clock,
    private readonly target: () => JournalTarget | undefined,
    private readonly flush: (fd: number) => Promise<void> = syncData,
    private readonly writeJournal: typeof writeJournalAtomically = writeJournalAtomically,
  ) {}

  start(): void {
    this.stop();
    this.lastJournalAt = this.clock.now();
    this.flushedBytes = this.target()?.writtenBytes ?? 0;
    this.timer = this.clock.setInterval(() => this.tick(), WRITE_BEHIND_CHECK_MS);
  }

  stop(): void {
    if (this.timer) this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Writes are serialised: two renames of one temp file must never interleave. The state is taken
   * now, so a save queued behind a flush records this moment even if the run has closed since.
   */
  save(force: boolean, durability: Durability = 'durable'): Promise<void> {
    const target = this.target();
    const taken = target && { ...target, data: target.data() };
    this.writing = this.writing.catch(() => undefined).then(() => this.write(force, taken, durability));
    return this.writing;
  }

  /** Resolves once every flush and journal asked for so far has ended, failed ones included. */
  settled(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  /**
   * More data reached the part file. Near the end this comes many times a second, more often than
   * the timer, so the flushes keep up with the last bytes.
   */
  noteWritten(): void {
    if (this.timer) this.flushIfDue();
  }

  private tick(): void {
    if (this.clock.now() - this.lastJournalAt >= JOURNAL_INTERVAL_MS) {
      this.lastJournalAt = this.clock.now();
      void this.save(false).catch(() => undefined);
      return;
    }
    this.flushIfDue();
  }

  private flushIfDue(): void {
    // A disk slower than the link must not collect a queue of flushes: one at a time is enough.
    if (this.flushQueued) return;
    const target = this.target();
    if (!target || !flushDue(target, target.writtenBytes - this.flushedBytes)) return;
    this.flushedBytes = target.writtenBytes;
    this.flushQueued = true;
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => this.flush(target.fd))
      .catch(() => undefined)
      .finally(() => {
        this.flushQueued = false;
      });
  }

  private async write(force: boolean, taken: TakenState | undefined, durability: Durability): Promise<void> {
    if (!taken) return;
    const text = JSON.stringify(taken.data);
    if (!force && text === this.last) return;
    this.flushedBytes = Math.max(this.flushedBytes, taken.writtenBytes);
    // A journal that claims no bytes needs no data on disk, nor to survive a power cut: it only lets
    // a killed run be resumed, and a cut in its first second loses nothing a journal could keep.
    if (taken.writtenBytes > 0) await this.flush(taken.fd);
    await this.writeJournal(taken.path, taken.data, taken.writtenBytes > 0 ? durability : 'crash-safe');
    this.last = text;
  }
}

/** A flush is due once a full batch waits, or near the end once more waits than is still to come. */
function flushDue(target: JournalTarget, unflushed: number): boolean {
  if (unflushed >= WRITE_BEHIND_BYTES) return true;
  const remaining = target.totalBytes === undefined ? Infinity : target.totalBytes - target.writtenBytes;
  return unflushed >= END_FLUSH_MIN_BYTES && unflushed >= remaining;
}
