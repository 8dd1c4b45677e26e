// The first request of a run (`Range: bytes=0-`): sent with retries until its headers arrive. Its
// response is then taken over in one step as the first chunk, or aborted. A stop is not an error:
// `open` then resolves to undefined, also in the middle of a backoff wait. A server that cannot be
// reached is tried for the policy's window without spending the ordinary retries.
import type { RetryRecord, RetryWait } from '../../../src-shared/download-types';
import type { Clock, TimerHandle } from '../clock';
import { DownloadError } from '../errors';
import { statusError } from '../plan/response-check';
import { nextRetryDelayMs, type RetryPolicy } from './retry-policy';
import { UnreachableWindow } from './unreachable-window';
import type { TaskPool } from './worker-pool';
import type { ConnectionTimeouts, ResponseMeta, WorkerToMain } from './worker-protocol';

const MAX_REDIRECTS = 10;
/** Statuses the probe interpretation handles; anything else is an attempt that failed. */
const ANSWERED = new Set([200, 206, 416]);

type Sink = (message: WorkerToMain) => void;

/** A response whose headers arrived; its body waits until it is taken over or aborted. */
export interface FirstResponse {
  readonly meta: ResponseMeta;
  readonly taskId: number;
  /**
   * Continues the body as a chunk written into `fd` up to `end` (inclusive; Infinity = to EOF). From
   * now on its messages, including any that arrived meanwhile, go to `sink`. A body read to EOF
   * stops with FILE_TOO_LARGE past `maxBytes`.
   */
  takeOver(fd: number, end: number, sink: Sink, maxBytes?: number): void;
  /** The body is not used: release its connection for the next request. */
  abandon(): void;
}

export interface FirstRequestOptions {
  pool: TaskPool;
  clock: Clock;
  connectionKey: string;
  url: string;
  /** The caller's own headers; the probe adds what it needs to see server checksums. */
  extraHeaders: Record<string, string>;
  /** The proxy for `url`, chosen as each attempt starts; throws when the configured one is unusable. */
  proxy: (url: string) => string | undefined;
  timeouts: ConnectionTimeouts;
  retry: RetryPolicy;
  onRetry: (record: RetryRecord) => void;
}

export class FirstRequest {
  private taskId?: number;
  private stopped = false;
  private waiter?: Sink;
  private sink?: Sink;
  /** Messages of the response that arrive before it is taken over. */
  private early: WorkerToMain[] = [];
  private pendingWait?: { timer: TimerHandle; wake: () => void };
  /** Ends the attempt in flight as stopped. */
  private endAttempt?: () => void;
  private readonly unreachable: UnreachableWindow;
  /** The backoff wait in progress, as the download shows it. */
  private waiting?: RetryWait;

  constructor(private readonly options: FirstRequestOptions) {
    this.unreachable = new UnreachableWindow(options.retry);
  }

  /** While waiting between attempts: when the next one starts and why. */
  get retryWait(): RetryWait | undefined {
    return this.waiting;
  }

  /** Sends the request until headers arrive; undefined once stopped. Failures throw DownloadError. */
  async open(): Promise<FirstResponse | undefined> {
    const { clock, retry, onRetry } = this.options;
    // Attempts that count against the retry budget; waiting for an unreachable server does not.
    let counted = 0;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const meta = await this.once();
        if (!meta) return undefined;
        this.unreachable.reached();
        if (ANSWERED.has(meta.status)) return this.response(meta);
        this.abort();
        throw statusError(meta.status, meta.headers, clock.now());
      } catch (err) {
        const error = DownloadError.from(err);
        if (this.stopped) return undefined;
        const now = clock.now();
        const step = this.unreachable.next(error, now);
        if (step?.kind === 'give-up') throw step.error;
        let delayMs: number;
        if (step) delayMs = step.delayMs;
        else {
          counted += 1;
          const budget = error.code === 'PROTOCOL_ERROR' ? retry.maxProtocolRetries : retry.maxRetries;
          if (!error.retryable || counted > Math.min(budget, retry.maxRetries)) throw error;
          delayMs = nextRetryDelayMs(counted, error.retryAfterMs, Math.random, retry);
        }
        const info = error.toInfo();
        this.waiting = { nextAttemptAt: now + delayMs, error: info };
        onRetry({ chunkId: 0, attempt, at: now, error: info, nextAttemptAt: now + delayMs });
        await this.wait(delayMs);
        this.waiting = undefined;
      }
    }
    return undefined;
  }

  /** Ends the request wherever it is: a pending attempt, a backoff wait or an unused response. */
  stop(): void {
    this.stopped = true;
    this.abort();
    const pending = this.pendingWait;
    if (pending) {
      this.options.clock.clearTimeout(pending.timer);
      pending.wake();
    }
    this.endAttempt?.();
  }

  /** The response is not used: release its connection for the next request. */
  abort(): void {
    if (this.taskId === undefined) return;
    this.options.pool.send({ type: 'abort', taskId: this.taskId });
    this.taskId = undefined;
  }

  private response(meta: ResponseMeta): FirstResponse {
    const taskId = this.taskId!;
    return {
      meta,
      taskId,
      takeOver: (fd, end, sink, maxBytes) => {
        const limits = {
          ...(Number.isFinite(end) ? { end } : {}),
          ...(maxBytes === undefined ? {} : { maxBytes }),
        };
        this.options.pool.send({ type: 'continue', taskId, fd, ...limits });
        this.taskId = undefined;
        this.sink = sink;
        for (const message of this.early.splice(0)) sink(message);
      },
      abandon: () => this.abort(),
    };
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.pendingWait = undefined;
        resolve();
      };
      // The wait alone never keeps a process alive (the workers do while the download is wanted).
      this.pendingWait = { timer: this.options.clock.setTimeout(wake, ms, { unref: true }), wake };
    });
  }

  private once(): Promise<ResponseMeta | undefined> {
    const { pool, connectionKey, url, timeouts } = this.options;
    const proxy = this.options.proxy(url);
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        this.waiter = undefined;
        this.endAttempt = undefined;
      };
      this.endAttempt = () => {
        settle();
        resolve(undefined);
      };
      this.waiter = (message) => {
        if (message.type === 'headers') {
          settle();
          resolve(message.meta);
        } else if (message.type === 'failed') {
          settle();
          this.taskId = undefined;
          if (this.stopped) resolve(undefined);
          else reject(DownloadError.fromInfo(message.error));
        }
      };
      this.taskId = pool.start(
        {
          type: 'probe',
          connectionKey,
          url,
          timeouts,
          extraHeaders: { ...this.options.extraHeaders, 'x-amz-checksum-mode': 'ENABLED' },
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
