// Writes a response body at its offsets in the part file. It never takes a byte past `end` (which
// the scheduler may lower while the body streams), gathers reads in one large reused batch (the
// socket can read straight into it, see `readTarget`), writes each batch positionally, keeps a
// running CRC-32C, and reports durable progress at most every PROGRESS_INTERVAL_MS.
//
// Writes are synchronous, on purpose: this runs on a chunk worker thread, not the engine's, and a
// write into the page cache takes tens of microseconds. Handing each batch to libuv's thread pool
// cost more CPU than the write itself (a thread hand-off and a completion callback per batch: 10 %
// of the whole download's CPU at 512 MiB over 8 connections), and the reads it let overlap only
// fill the kernel's socket buffers, which hold them anyway. aria2c writes the same way.
import fs from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import { DownloadError } from '../errors';
import { BatchPool } from './batch-pool';
import type { BodySink, SinkVerdict } from './http1-exchange';
import type { Throttle } from './throttle';
import { PROGRESS_INTERVAL_MS } from './worker-protocol';

/** A read straight into the batch is worth it only with room for a good part of a socket read. */
const MIN_READ_TARGET_BYTES = 16 * 1024;

export interface RangeWriterState {
  fd: number;
  /** Next file offset to write (everything before it is on disk). */
  position: number;
  /** Inclusive last offset this writer may take; Infinity when reading to EOF. */
  end: number;
  crc: number;
}

function mapWriteError(err: unknown): DownloadError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DownloadError('DISK_FULL', 'the disk is full', { cause: err });
  }
  const message = `cannot write the part file (${code ?? 'error'})`;
  return new DownloadError('FILE_SYSTEM', message, { cause: err });
}

export class RangeWriter implements BodySink {
  private batch: Buffer | undefined;
  /** Bytes taken into the batch, not yet on disk. */
  private filled = 0;
  private failure: DownloadError | undefined;
  private throttledUntil = 0;
  private wakeTimer: ReturnType<typeof setTimeout> | undefined;
  private drainWaiters: (() => void)[] = [];
  private lastReportAt = 0;
  private lastFlushAt: number;

  constructor(
    readonly state: RangeWriterState,
    private readonly report: (state: RangeWriterState) => void,
    private readonly now: () => number = Date.now,
    private readonly throttle?: Throttle,
    private readonly pool: BatchPool = new BatchPool(),
  ) {
    this.lastFlushAt = now();
  }

  /** The offset after the last byte this writer has taken responsibility for. */
  acceptedEnd(): number {
    return this.state.position + this.filled;
  }

  /**
   * Where the socket may put its next read so that `write` finds it in place: the free tail of the
   * batch, at most `maxBytes` and never past `end`. Undefined when a copy is as good.
   */
  readTarget(maxBytes: number): Buffer | undefined {
    // Asked before every socket read: the clock is read only once a throttle has paused this writer.
    if (this.failure || (this.throttledUntil !== 0 && this.now() < this.throttledUntil)) return undefined;
    const batch = (this.batch ??= this.pool.take());
    const room = Math.min(maxBytes, batch.length - this.filled, this.state.end - this.acceptedEnd() + 1);
    if (room < MIN_READ_TARGET_BYTES) return undefined;
    return batch.subarray(this.filled, this.filled + room);
  }

  write(buf: Buffer, start: number, end: number): SinkVerdict {
    if (this.failure) return 'stop';
    const room = this.state.end - this.acceptedEnd() + 1;
    const take = Math.max(0, Math.min(end - start, room));
    for (let at = start; at < start + take && !this.failure;) {
      const batch = (this.batch ??= this.pool.take());
      const inPlace = buf.buffer === batch.buffer && buf.byteOffset + at === batch.byteOffset + this.filled;
      const copied = inPlace
        ? Math.min(start + take - at, batch.length - this.filled)
        : buf.copy(batch, this.filled, at, start + take);
      this.filled += copied;
      at += copied;
      if (this.filled === batch.length) this.flush();
    }
    if (this.failure) return 'stop';
    if (take < end - start || this.acceptedEnd() > this.state.end) {
      this.flush();
      return 'stop';
    }
    const now = this.now();
    // Large writes for throughput, but a slow connection still shows progress every interval.
    if (now - this.lastFlushAt >= PROGRESS_INTERVAL_MS) this.flush();
    if (this.throttle?.limited && take > 0) {
      const waitMs = this.throttle.reserve(take);
      if (waitMs > 0) this.throttledUntil = now + waitMs;
    }
    if (this.failure) return 'stop';
    return now < this.throttledUntil ? 'pause' : 'more';
  }

  drained(): Promise<void> {
    return new Promise((resolve) => {
      this.drainWaiters.push(resolve);
      this.wake();
    });
  }

  /** Writes everything taken and gives the batch back; rejects with the write's DownloadError. */
  async finish(): Promise<void> {
    this.flush();
    if (this.batch) this.pool.give(this.batch);
    this.batch = undefined;
    this.check();
  }

  /** Throws the write failure, if any. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Lowers the end if nothing past `newEnd` was taken yet; returns whether it was. */
  shrink(newEnd: number): boolean {
    if (this.acceptedEnd() > newEnd + 1) return false;
    // The current request may already stop earlier than the new end (a request window).
    this.state.end = Math.min(this.state.end, newEnd);
    return true;
  }

  /**
   * Raises the end while the body is still being taken (it never said 'stop'); returns whether it
   * was. Only a body that runs on past its end, such as a `bytes=0-` response, has more to give.
   */
  grow(newEnd: number): boolean {
    if (this.failure || this.acceptedEnd() > this.state.end || newEnd < this.state.end) return false;
    this.state.end = newEnd;
    return true;
  }

  private flush(): void {
    const batch = this.batch;
    if (!batch || this.filled === 0 || this.failure) return;
    try {
      for (let done = 0; done < this.filled;) {
        done += fs.writeSync(this.state.fd, batch, done, this.filled - done, this.state.position + done);
      }
    } catch (err) {
      // Nothing more reaches the disk: what was taken but not written is not counted as written.
      this.failure = mapWriteError(err);
      this.filled = 0;
      this.wake();
      return;
    }
    this.state.crc = crc32c(batch.subarray(0, this.filled), this.state.crc);
    this.state.position += this.filled;
    this.filled = 0;
    const now = this.now();
    this.lastFlushAt = now;
    if (now - this.lastReportAt >= PROGRESS_INTERVAL_MS) {
      this.lastReportAt = now;
      this.report(this.state);
    }
  }

  /** Lets a paused reader go on once its tokens allow (or nothing more will be written). */
  private wake(): void {
    if (this.drainWaiters.length === 0) return;
    const now = this.now();
    if (this.failure || now >= this.throttledUntil) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = undefined;
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    } else if (this.wakeTimer === undefined) {
      this.wakeTimer = setTimeout(() => {
        this.wakeTimer = undefined;
        this.wake();
      }, this.throttledUntil - now);
    }
  }
}
