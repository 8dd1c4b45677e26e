// Writes a response body at its offsets in the part file. It never writes past `end` (which the
// scheduler may lower while the body streams), batches small network reads into large positional
// writes, keeps a running CRC-32C, and reports durable progress at most every PROGRESS_INTERVAL_MS.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { crc32c } from '@node-rs/crc32';
import { DownloadError } from '../errors';
import type { Throttle } from './throttle';

export const PROGRESS_INTERVAL_MS = 100;
const WRITE_BATCH_BYTES = 256 * 1024;

export interface RangeWriterState {
  fd: number;
  /** Next file offset to write. */
  position: number;
  /** Inclusive last offset this body may write; Infinity when reading to EOF. */
  end: number;
  crc: number;
}

export type WriteOutcome = 'complete' | 'eof' | 'stopped';

function writev(fd: number, buffers: Buffer[], position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.writev(fd, buffers, position, (err, written) => (err ? reject(err) : resolve(written)));
  });
}

function mapWriteError(err: unknown): DownloadError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DownloadError('DISK_FULL', 'the disk is full', { cause: err });
  }
  return new DownloadError('FILE_SYSTEM', `cannot write the part file (${code ?? 'error'})`, { cause: err });
}

export class RangeWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes handed to a write that has not completed yet: accepted, so a shrink must not cut them. */
  private inFlightBytes = 0;
  private lastReportAt = 0;
  private lastFlushAt = 0;

  constructor(
    readonly state: RangeWriterState,
    private readonly report: (state: RangeWriterState) => void,
    private readonly now: () => number = Date.now,
    private readonly throttle?: Throttle,
    /** Told how many bytes each completed write moved (the worker bounds its buffer memory with it). */
    private readonly afterWrite?: (bytes: number) => void,
  ) {}

  /** Streams `body` to disk; resolves with why it stopped. Idle stalls surface as `onIdle` errors. */
  async consume(body: Readable, idleMs: number): Promise<WriteOutcome> {
    // One watchdog per body instead of a timer per network read. Only waiting for the network
    // counts as a stall, not our own throttle or a slow disk.
    let waitingSince = Date.now();
    let waiting = true;
    const watchdog = setInterval(
      () => {
        if (waiting && Date.now() - waitingSince >= idleMs) body.destroy(stallError(idleMs));
      },
      Math.max(10, Math.floor(idleMs / 4)),
    );
    try {
      for await (const data of body as AsyncIterable<Buffer>) {
        waiting = false;
        // Waiting here stops reading, so the socket's window closes and the server slows down.
        if (this.throttle?.limited) await this.throttle.take(data.length);
        const room = this.state.end - this.acceptedEnd() + 1;
        const accepted = data.length <= room ? data : data.subarray(0, Math.max(0, room));
        if (accepted.length > 0) {
          this.pending.push(accepted);
          this.pendingBytes += accepted.length;
        }
        // Large writes for throughput, but a slow connection still shows progress every interval.
        if (
          this.pendingBytes >= WRITE_BATCH_BYTES ||
          accepted.length < data.length ||
          this.now() - this.lastFlushAt >= PROGRESS_INTERVAL_MS
        ) {
          await this.flush();
        }
        if (this.state.position > this.state.end) {
          body.destroy();
          return 'complete';
        }
        waitingSince = Date.now();
        waiting = true;
      }
      await this.flush();
      return this.state.position > this.state.end ? 'complete' : 'eof';
    } catch (err) {
      await this.flush().catch(() => undefined);
      throw err;
    } finally {
      clearInterval(watchdog);
    }
  }

  /** Lowers the end if nothing past `newEnd` was accepted yet; returns whether it was. */
  shrink(newEnd: number): boolean {
    if (this.acceptedEnd() > newEnd + 1) return false;
    // The current request may already stop earlier than the new end (a request window).
    this.state.end = Math.min(this.state.end, newEnd);
    return true;
  }

  /** The offset after the last byte this writer has taken responsibility for. */
  private acceptedEnd(): number {
    return this.state.position + this.inFlightBytes + this.pendingBytes;
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const buffers = this.pending;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.inFlightBytes = bytes;
    let written = 0;
    try {
      while (written < bytes) {
        const slices = written === 0 ? buffers : sliceFrom(buffers, written);
        written += await writev(this.state.fd, slices, this.state.position + written);
      }
    } catch (err) {
      throw mapWriteError(err);
    } finally {
      this.inFlightBytes = 0;
    }
    for (const buffer of buffers) this.state.crc = crc32c(buffer, this.state.crc);
    this.state.position += bytes;
    this.afterWrite?.(bytes);
    const now = this.now();
    this.lastFlushAt = now;
    if (now - this.lastReportAt >= PROGRESS_INTERVAL_MS) {
      this.lastReportAt = now;
      this.report(this.state);
    }
  }
}

function sliceFrom(buffers: Buffer[], offset: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = offset;
  for (const buffer of buffers) {
    if (skip >= buffer.length) {
      skip -= buffer.length;
      continue;
    }
    out.push(skip > 0 ? buffer.subarray(skip) : buffer);
    skip = 0;
  }
  return out;
}

function stallError(idleMs: number): DownloadError {
  return new DownloadError('TIMEOUT', `no data for ${idleMs} ms`, { retryable: true });
}
