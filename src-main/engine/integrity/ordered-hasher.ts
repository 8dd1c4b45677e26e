import { Worker } from 'node:worker_threads';
import type { DigestAlgorithm } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import type {
  DigestWorkerData,
  FromDigestWorker,
  SequentialAlgorithm,
  ToDigestWorker,
} from './digest-protocol';
import { isSequentialAlgorithm } from './digest-protocol';

export interface OrderedHasherOptions {
  partPath: string;
  /** CRC-32C is ignored here: it is combined from the chunk CRCs. */
  algorithms: DigestAlgorithm[];
  /** The built digest worker (out/main/digest-worker.js). */
  workerScript: string;
}

/**
 * Follows the contiguous-bytes watermark of a part file that workers write at random offsets, and
 * hashes it in order on a worker thread, so only a small tail is left when the last byte lands.
 * A new hasher starts at byte 0, so after a resume it re-hashes the prefix already on disk.
 */
export class OrderedHasher {
  private readonly worker: Worker;
  private latestWatermark = 0;
  private postedWatermark = 0;
  private flushScheduled = false;
  private hashed = 0;
  private failure: DownloadError | undefined;
  private finishing: Promise<Partial<Record<DigestAlgorithm, string>>> | undefined;
  private settleFinish:
    | {
        resolve: (digests: Partial<Record<DigestAlgorithm, string>>) => void;
        reject: (err: DownloadError) => void;
      }
    | undefined;
  private done = false;

  constructor(options: OrderedHasherOptions) {
    const algorithms = [...new Set(options.algorithms.filter(isSequentialAlgorithm))];
    const workerData: DigestWorkerData = { partPath: options.partPath, algorithms };
    this.worker = new Worker(options.workerScript, { workerData });
    this.worker.on('message', (message: FromDigestWorker) => this.onMessage(message));
    this.worker.on('error', (err) => {
      this.fail(new DownloadError('INTERNAL', `digest worker crashed: ${err.message}`, { cause: err }));
    });
    this.worker.once('exit', (code) => {
      this.fail(new DownloadError('INTERNAL', `digest worker exited (code ${code}) before finishing`));
    });
  }

  /** Bytes hashed so far (updated as the worker reports, not on every read). */
  get hashedBytes(): number {
    return this.hashed;
  }

  /**
   * Every byte in [0, watermark) is written (the writes have completed). Cheap: calls in the same
   * tick coalesce into one message, and the worker catches up on its own.
   */
  advance(watermark: number): void {
    if (this.done || this.finishing !== undefined || watermark <= this.latestWatermark) return;
    this.latestWatermark = watermark;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (this.done || this.finishing !== undefined || this.latestWatermark <= this.postedWatermark) {
        return;
      }
      this.postedWatermark = this.latestWatermark;
      this.post({ type: 'advance', watermark: this.latestWatermark });
    });
  }

  /** Hex digests once every byte up to totalBytes is hashed. Rejects with a DownloadError. */
  finish(totalBytes: number): Promise<Partial<Record<DigestAlgorithm, string>>> {
    if (this.finishing !== undefined) return this.finishing;
    this.finishing = new Promise((resolve, reject) => {
      this.settleFinish = { resolve, reject };
    });
    if (this.failure !== undefined) this.settle(this.failure);
    else if (this.done) this.settle(new DownloadError('ABORTED', 'the hasher was disposed'));
    else this.post({ type: 'finish', totalBytes });
    return this.finishing;
  }

  /**
   * Stops the worker; a pending finish() rejects with ABORTED. Node closes the descriptors a worker
   * opened when it exits (trackUnmanagedFds), so terminating mid-read leaks nothing.
   */
  async dispose(): Promise<void> {
    if (!this.done) {
      this.done = true;
      this.settle(new DownloadError('ABORTED', 'the hasher was disposed'));
    }
    await this.worker.terminate();
  }

  private onMessage(message: FromDigestWorker): void {
    if (message.type === 'hashed') {
      this.hashed = message.upTo;
    } else if (message.type === 'digests') {
      this.done = true;
      this.settle(message.digests);
    } else {
      const { code, message: text, retryable, status } = message.error;
      this.fail(new DownloadError(code, text, { retryable, status }));
    }
  }

  private fail(error: DownloadError): void {
    if (this.done) return;
    this.done = true;
    this.failure = error;
    this.settle(error);
  }

  private settle(outcome: Partial<Record<SequentialAlgorithm, string>> | DownloadError): void {
    const settle = this.settleFinish;
    if (settle === undefined) return;
    this.settleFinish = undefined;
    if (outcome instanceof DownloadError) settle.reject(outcome);
    else settle.resolve(outcome);
  }

  private post(message: ToDigestWorker): void {
    this.worker.postMessage(message);
  }
}
