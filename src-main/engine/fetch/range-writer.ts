// Writes a response body at its offsets in the part file. It never takes a byte past `end` (which
// the scheduler may lower while the body streams), copies network reads into large reused batches
// written positionally (one on disk while the next fills), keeps a running CRC-32C, and reports
// durable progress at most every PROGRESS_INTERVAL_MS.
import fs from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import { DownloadError } from '../errors';
import { BatchPool } from './batch-pool';
import type { BodySink, SinkVerdict } from './http1-exchange';
import type { Throttle } from './throttle';

export const PROGRESS_INTERVAL_MS = 100;
/** Batches queued or on disk before reading pauses: one being written while the next fills. */
const MAX_QUEUED_BATCHES = 2;

export interface RangeWriterState {
  fd: number;
  /** Next file offset to write (everything before it is on disk). */
  position: number;
  /** Inclusive last offset this writer may take; Infinity when reading to EOF. */
  end: number;
  crc: number;
}

interface Batch {
  buffer: Buffer;
  length: number;
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
  private filling: Batch | undefined;
  /** Full batches in offset order; the first is on disk while `writing`. */
  private readonly queue: Batch[] = [];
  private queuedBytes = 0;
  private writing = false;
  private failure: DownloadError | undefined;
  private throttledUntil = 0;
  private wakeTimer: ReturnType<typeof setTimeout> | undefined;
  private drainWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
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
    return this.state.position + this.queuedBytes + (this.filling?.length ?? 0);
  }

  write(buf: Buffer, start: number, end: number): SinkVerdict {
    if (this.failure) return 'stop';
    const room = this.state.end - this.acceptedEnd() + 1;
    const take = Math.max(0, Math.min(end - start, room));
    for (let at = start; at < start + take;) {
      this.filling ??= { buffer: this.pool.take(), length: 0 };
      const copied = buf.copy(this.filling.buffer, this.filling.length, at, start + take);
      this.filling.length += copied;
      at += copied;
      if (this.filling.length === this.filling.buffer.length) this.enqueueFilling();
    }
    if (take < end - start || this.acceptedEnd() > this.state.end) {
      this.enqueueFilling();
      return 'stop';
    }
    const now = this.now();
    // Large writes for throughput, but a slow connection still shows progress every interval.
    if (!this.writing && now - this.lastFlushAt >= PROGRESS_INTERVAL_MS) this.enqueueFilling();
    if (this.throttle?.limited && take > 0) {
      const waitMs = this.throttle.reserve(take);
      if (waitMs > 0) this.throttledUntil = now + waitMs;
    }
    return this.busy(now) ? 'pause' : 'more';
  }

  drained(): Promise<void> {
    return new Promise((resolve) => {
      this.drainWaiters.push(resolve);
      this.wake();
    });
  }

  /** Writes everything taken; rejects with the write's DownloadError if one failed. */
  async finish(): Promise<void> {
    this.enqueueFilling();
    if (!this.failure && (this.writing || this.queue.length > 0)) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
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

  private busy(now: number): boolean {
    return this.queue.length >= MAX_QUEUED_BATCHES || now < this.throttledUntil;
  }

  private enqueueFilling(): void {
    const batch = this.filling;
    if (!batch || batch.length === 0) return;
    this.filling = undefined;
    // After a failed write nothing more reaches the disk: the batch goes back unwritten.
    if (this.failure) return this.pool.give(batch.buffer);
    this.queue.push(batch);
    this.queuedBytes += batch.length;
    this.pump();
  }

  private pump(): void {
    const batch = this.queue[0];
    if (this.writing || this.failure || !batch) return;
    this.writing = true;
    this.writeAll(batch, 0);
  }

  private writeAll(batch: Batch, done: number): void {
    const { buffer, length } = batch;
    fs.write(this.state.fd, buffer, done, length - done, this.state.position + done, (err, written) => {
      if (err) return this.failed(err);
      if (done + written < length) return this.writeAll(batch, done + written);
      this.written(batch);
    });
  }

  private written(batch: Batch): void {
    this.state.crc = crc32c(batch.buffer.subarray(0, batch.length), this.state.crc);
    this.state.position += batch.length;
    this.queue.shift();
    this.queuedBytes -= batch.length;
    this.pool.give(batch.buffer);
    this.writing = false;
    const now = this.now();
    this.lastFlushAt = now;
    if (now - this.lastReportAt >= PROGRESS_INTERVAL_MS) {
      this.lastReportAt = now;
      this.report(this.state);
    }
    this.pump();
    this.wake();
  }

  private failed(err: unknown): void {
    this.failure = mapWriteError(err);
    this.writing = false;
    for (const batch of this.queue) this.pool.give(batch.buffer);
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.wake();
  }

  /** Lets waiting readers go on once there is room (or nothing more will be written). */
  private wake(): void {
    if (!this.writing && this.queue.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
    if (this.drainWaiters.length === 0) return;
    const now = this.now();
    if (this.failure || !this.busy(now)) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = undefined;
      for (const resolve of this.drainWaiters.splice(0)) resolve();
    } else if (this.queue.length < MAX_QUEUED_BATCHES && this.wakeTimer === undefined) {
      this.wakeTimer = setTimeout(() => {
        this.wakeTimer = undefined;
        this.wake();
      }, this.throttledUntil - now);
    }
  }
}
