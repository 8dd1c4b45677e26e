// Hashes a part file in order, from byte 0 up to the contiguous-bytes watermark, while workers write
// it at random offsets, so that when the last byte lands only a small tail is left to hash.
//
// It runs on the engine's thread in short slices (one setImmediate turn hashes at most
// BYTES_PER_TURN, under a millisecond of SHA-256), not on a thread of its own: measured at 512 MiB
// and 8 connections, a digest thread cost ~9 MB of peak RSS and ~50-90 ms of CPU for its isolate
// and messages, while the engine's thread is idle most of the time.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { DigestAlgorithm, ErrorCode } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { isSequentialAlgorithm, type SequentialAlgorithm } from './digest-algorithms';

/**
 * Reads that stay in the core's L2 cache: the page-cache copy lands there and the hash reads it
 * back from there. Over a 512 MiB file in the page cache, 128 KiB reads cost ~60 ms of kernel time,
 * 256 KiB to 4 MiB reads ~250-320 ms (the copy and the hash both miss the cache).
 */
const READ_BUFFER_BYTES = 128 * 1024;
/** Hashed per event-loop turn: progress, IPC and timers wait at most this long (~0.7 ms of SHA-256). */
const BYTES_PER_TURN = 1024 * 1024;
/** A turn also ends after this long, should reads come from a slow disk rather than the page cache. */
const MAX_TURN_MS = 4;

// Every hasher runs on this one thread and consumes a read before the next: one buffer serves all.
let sharedBuffer: Buffer | undefined;

export interface OrderedHasherOptions {
  partPath: string;
  /** CRC-32C is ignored here: it is combined from the chunk CRCs. */
  algorithms: DigestAlgorithm[];
}

type Digests = Partial<Record<SequentialAlgorithm, string>>;

/**
 * Follows the contiguous-bytes watermark of a part file and hashes it in order. A new hasher starts
 * at byte 0, so after a resume it re-hashes the prefix already on disk.
 */
export class OrderedHasher {
  private readonly partPath: string;
  private readonly hashes: { algorithm: SequentialAlgorithm; hash: Hash }[];
  private fd: number | undefined;
  private hashedUpTo = 0;
  private watermark = 0;
  private totalBytes: number | undefined;
  private turn: ReturnType<typeof setImmediate> | undefined;
  private failure: DownloadError | undefined;
  private finishing: Promise<Digests> | undefined;
  private settleFinish:
    { resolve: (digests: Digests) => void; reject: (err: DownloadError) => void } | undefined;
  private done = false;

  constructor(options: OrderedHasherOptions) {
    this.partPath = options.partPath;
    const algorithms = [...new Set(options.algorithms.filter(isSequentialAlgorithm))];
    this.hashes = algorithms.map((algorithm) => ({ algorithm, hash: createHash(algorithm) }));
  }

  /** Bytes hashed so far. */
  get hashedBytes(): number {
    return this.hashedUpTo;
  }

  /** Every byte in [0, watermark) is written (the writes have completed). Cheap: hashing follows later. */
  advance(watermark: number): void {
    if (this.done || this.finishing !== undefined || watermark <= this.watermark) return;
    this.watermark = watermark;
    this.schedule();
  }

  /** Hex digests once every byte up to totalBytes is hashed. Rejects with a DownloadError. */
  finish(totalBytes: number): Promise<Digests> {
    if (this.finishing !== undefined) return this.finishing;
    this.finishing = new Promise((resolve, reject) => (this.settleFinish = { resolve, reject }));
    if (this.failure !== undefined) this.settle(this.failure);
    else if (this.done) this.settle(new DownloadError('ABORTED', 'the hasher was disposed'));
    else if (this.watermark > totalBytes) {
      this.fail('INTERNAL', `watermark ${this.watermark} is beyond the end of the file (${totalBytes})`);
    } else {
      this.totalBytes = totalBytes;
      this.watermark = totalBytes;
      this.schedule();
    }
    return this.finishing;
  }

  /** Stops hashing and closes the file; a pending finish() rejects with ABORTED. */
  dispose(): Promise<void> {
    if (!this.done) {
      this.stop();
      this.settle(new DownloadError('ABORTED', 'the hasher was disposed'));
    }
    return Promise.resolve();
  }

  private schedule(): void {
    this.turn ??= setImmediate(() => {
      this.turn = undefined;
      this.pump();
    });
  }

  private pump(): void {
    if (this.done) return;
    try {
      const until = Math.min(this.watermark, this.hashedUpTo + BYTES_PER_TURN);
      const deadline = performance.now() + MAX_TURN_MS;
      while (this.hashedUpTo < until && performance.now() < deadline) {
        if (!this.hashNextBlock(until)) {
          const { partPath, hashedUpTo, watermark } = this;
          return this.fail('FILE_SYSTEM', `${partPath} ends at byte ${hashedUpTo}, before ${watermark}`);
        }
      }
    } catch (err) {
      return this.fail('FILE_SYSTEM', `cannot hash ${this.partPath}: ${(err as Error).message}`);
    }
    if (this.hashedUpTo < this.watermark) this.schedule();
    else if (this.totalBytes !== undefined) this.complete();
  }

  /** Hashes the next block below `until`; false when the file ends before it. */
  private hashNextBlock(until: number): boolean {
    // Opened on first use: the hasher may start before the part file exists.
    this.fd ??= openSync(this.partPath, 'r');
    sharedBuffer ??= Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
    const length = Math.min(READ_BUFFER_BYTES, until - this.hashedUpTo);
    const read = readSync(this.fd, sharedBuffer, 0, length, this.hashedUpTo);
    if (read === 0) return false;
    const bytes = sharedBuffer.subarray(0, read);
    for (const { hash } of this.hashes) hash.update(bytes);
    this.hashedUpTo += read;
    return true;
  }

  private complete(): void {
    const digests: Digests = {};
    for (const { algorithm, hash } of this.hashes) digests[algorithm] = hash.digest('hex');
    this.stop();
    this.settle(digests);
  }

  private fail(code: ErrorCode, message: string): void {
    this.failure = new DownloadError(code, message);
    this.stop();
    this.settle(this.failure);
  }

  private stop(): void {
    this.done = true;
    if (this.turn !== undefined) clearImmediate(this.turn);
    this.turn = undefined;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private settle(outcome: Digests | DownloadError): void {
    const settle = this.settleFinish;
    if (settle === undefined) return;
    this.settleFinish = undefined;
    if (outcome instanceof DownloadError) settle.reject(outcome);
    else settle.resolve(outcome);
  }
}
