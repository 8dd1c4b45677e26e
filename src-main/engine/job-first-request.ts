// The first request of a run (`Range: bytes=0-`): sent with retries until its headers arrive, then
// either handed to the transfer, whose first chunk its body becomes, or aborted.
import type { RetryRecord } from '../../src-shared/download-types';
import type { Clock } from './clock';
import { DownloadError } from './errors';
import { nextRetryDelayMs } from './fetch/retry-policy';
import type { WorkerPool } from './fetch/worker-pool';
import type { ConnectionTimeouts, ResponseMeta, WorkerToMain } from './fetch/worker-protocol';
import { statusError } from './plan/response-check';

const MAX_REDIRECTS = 10;
/** Statuses the probe interpretation handles; anything else is an attempt that failed. */
const ANSWERED = new Set([200, 206, 416]);

export interface FirstResponse {
  meta: ResponseMeta;
  taskId: number;
}

export interface FirstRequestOptions {
  pool: WorkerPool;
  clock: Clock;
  connectionKey: string;
  url: string;
  /** The caller's own headers; the probe adds what it needs to see server checksums. */
  extraHeaders: Record<string, string>;
  /** The proxy the probe goes through, if any. */
  proxy?: string;
  timeouts: ConnectionTimeouts;
  maxRetries: number;
  stopped: () => boolean;
  onRetry: (record: RetryRecord) => void;
}

function failureError(message: Extract<WorkerToMain, { type: 'failed' }>): DownloadError {
  return Object.assign(DownloadError.fromInfo(message.error), { retryAfterMs: message.error.retryAfterMs });
}

export class FirstRequest {
  taskId?: number;
  private waiter?: (message: WorkerToMain) => void;
  private sink?: (message: WorkerToMain) => void;
  /** Messages of the response that arrive before the transfer takes it over. */
  private early: WorkerToMain[] = [];

  constructor(private readonly options: FirstRequestOptions) {}

  /** Sends the request until headers arrive; error statuses are retried like any failed attempt. */
  async open(): Promise<FirstResponse> {
    const { clock, maxRetries, stopped, onRetry } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.once();
        if (!ANSWERED.has(response.meta.status)) {
          this.abort();
          throw statusError(response.meta.status, response.meta.headers, clock.now());
        }
        return response;
      } catch (err) {
        const error = DownloadError.from(err);
        if (stopped() || !error.retryable || attempt > maxRetries) throw error;
        const delayMs = nextRetryDelayMs(attempt, (err as { retryAfterMs?: number }).retryAfterMs);
        const now = clock.now();
        onRetry({ chunkId: 0, attempt, at: now, error: error.toInfo(), nextAttemptAt: now + delayMs });
        await new Promise<void>((resolve) => clock.setTimeout(resolve, delayMs));
        if (stopped()) throw new DownloadError('ABORTED', 'stopped', false);
      }
    }
  }

  /** Lets the response's body continue as the first chunk, written into `fd` up to `end`. */
  continueAsChunk(fd: number, end: number): number {
    const taskId = this.taskId!;
    this.options.pool.send({ type: 'continue', taskId, fd, ...(Number.isFinite(end) ? { end } : {}) });
    return taskId;
  }

  /** Gives the running response to the transfer, with whatever it reported meanwhile. */
  handOver(sink: (message: WorkerToMain) => void): void {
    this.sink = sink;
    this.taskId = undefined;
    for (const message of this.early.splice(0)) sink(message);
  }

  /** The response is not used: release its connection for the next request. */
  abort(): void {
    if (this.taskId === undefined) return;
    this.options.pool.send({ type: 'abort', taskId: this.taskId });
    this.taskId = undefined;
  }

  private once(): Promise<FirstResponse> {
    const { pool, connectionKey, url, timeouts, extraHeaders, proxy } = this.options;
    return new Promise((resolve, reject) => {
      this.waiter = (message) => {
        if (message.type === 'headers') {
          this.waiter = undefined;
          resolve({ meta: message.meta, taskId: message.taskId });
        } else if (message.type === 'failed') {
          this.waiter = undefined;
          this.taskId = undefined;
          reject(failureError(message));
        }
      };
      this.taskId = pool.start(
        {
          type: 'probe',
          connectionKey,
          url,
          timeouts,
          extraHeaders: { ...extraHeaders, 'x-amz-checksum-mode': 'ENABLED' },
          ...(proxy ? { proxy } : {}),
          maxRedirects: MAX_REDIRECTS,
        },
        (message) => {
          if (this.waiter) this.waiter(message);
          else if (this.sink) this.sink(message);
          else this.early.push(message);
        },
      );
    });
  }
}
