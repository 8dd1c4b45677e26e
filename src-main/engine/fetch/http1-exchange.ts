// One request/response on an HTTP/1.1 connection: waits for the header block, then pushes the body
// into a sink straight from the socket's read buffer. Reading pauses while the sink is busy (disk,
// throttle), so TCP backpressure slows the server instead of bytes piling up in memory.
import { DownloadError } from '../errors';
import { ResponseParser, type ResponseHead } from './http1-parser';

export type SinkVerdict = 'more' | 'pause' | 'stop';

export interface BodySink {
  /** Takes buf[start, end) (valid only during the call; copy what you keep). */
  write(buf: Buffer, start: number, end: number): SinkVerdict;
  /** Resolves when a paused sink can take more. */
  drained(): Promise<void>;
  /** Memory the next `write` would copy into, to read into directly; at most `maxBytes`. */
  readTarget?(maxBytes: number): Buffer | undefined;
}

/** 'complete': the whole body arrived; 'stopped': the sink had all it wanted first. */
export type BodyOutcome = 'complete' | 'stopped';

export interface ExchangeHooks {
  /** The exchange is over; the socket may serve the next request when `reusable`. */
  release(reusable: boolean): void;
  /** Starts reading again after `feed` returned false. */
  resume(): void;
}

type Phase = 'head' | 'waiting-sink' | 'body' | 'done';

export class Exchange {
  private readonly parser: ResponseParser;
  private phase: Phase = 'head';
  private sink: BodySink | undefined;
  private verdict: SinkVerdict = 'more';
  /** Body bytes that came with the header block, before anyone asked for the body. */
  private early: Buffer | undefined;
  private closedEarly: DownloadError | 'closed' | undefined;
  private leftover = false;
  private paused = false;
  private lastActivity = Date.now();
  private lastTick = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private settleHead: { resolve: (head: ResponseHead) => void; reject: (err: DownloadError) => void };
  private settleBody:
    { resolve: (outcome: BodyOutcome) => void; reject: (err: DownloadError) => void } | undefined;
  /** Bytes received at all: a reused socket that closes before any is stale, not a server fault. */
  receivedAny = false;
  readonly head: Promise<ResponseHead>;

  constructor(private readonly hooks: ExchangeHooks) {
    this.parser = new ResponseParser({ body: (buf, start, end) => this.toSink(buf, start, end) });
    let settle!: typeof this.settleHead;
    this.head = new Promise<ResponseHead>((resolve, reject) => (settle = { resolve, reject }));
    this.settleHead = settle;
  }

  /** Bytes from the socket. Returns false to pause reading. */
  feed(buf: Buffer, start: number, end: number): boolean {
    this.receivedAny = true;
    this.lastActivity = Date.now();
    try {
      if (this.phase === 'head') return this.feedHead(buf, start, end);
      if (this.phase === 'waiting-sink') {
        const copy = buf.subarray(start, end);
        this.early = this.early ? Buffer.concat([this.early, copy]) : Buffer.from(copy);
        return false;
      }
      if (this.phase === 'body') return this.deliver(buf, start, end);
      return false;
    } catch (err) {
      this.fail(DownloadError.from(err));
      return false;
    }
  }

  /** The socket closed (`error` when it failed). */
  closed(error: DownloadError | undefined): void {
    if (this.phase === 'done') return;
    if (this.phase === 'waiting-sink') {
      this.closedEarly = error ?? 'closed';
      return;
    }
    if (error) return this.fail(error);
    try {
      this.parser.finishOnClose();
      this.finish('complete', false);
    } catch (err) {
      this.fail(DownloadError.from(err));
    }
  }

  /**
   * Where the next socket read may land: straight in the sink's batch while the body streams
   * unframed, so `write` has nothing to copy. Never more than the body has left, so the next
   * response (or a chunk's framing) cannot land there.
   */
  readTarget(): Buffer | undefined {
    if (this.phase !== 'body' || this.paused || this.verdict !== 'more') return undefined;
    const plain = this.parser.plainBodyBytes;
    return plain > 0 ? this.sink?.readTarget?.(plain) : undefined;
  }

  /** Streams the body into `sink`; stalls of `idleMs` without data while not paused fail it. */
  readBody(sink: BodySink, idleMs: number): Promise<BodyOutcome> {
    if (this.phase !== 'waiting-sink') {
      return Promise.reject(new DownloadError('INTERNAL', 'the response body was already read'));
    }
    const outcome = new Promise<BodyOutcome>((resolve, reject) => (this.settleBody = { resolve, reject }));
    this.sink = sink;
    this.phase = 'body';
    this.lastActivity = Date.now();
    this.lastTick = this.lastActivity;
    const tickMs = Math.max(10, Math.floor(idleMs / 4));
    this.watchdog = setInterval(() => this.checkStall(idleMs, tickMs), tickMs);
    const early = this.early;
    this.early = undefined;
    const keepReading = early ? this.feed(early, 0, early.length) : !this.parser.done || this.finishEmpty();
    if (this.closedEarly !== undefined) {
      this.closed(this.closedEarly === 'closed' ? undefined : this.closedEarly);
    } else if (keepReading && this.phase === 'body') {
      this.hooks.resume();
    }
    return outcome;
  }

  /** Gives up the body: the socket closes unless the response had already ended. */
  discard(): void {
    if (this.phase === 'done') return;
    this.stopTimers();
    this.phase = 'done';
    this.hooks.release(
      this.parser.done && !this.leftover && this.closedEarly === undefined && this.keepAlive(),
    );
  }

  /** Fails a pending head or body with `error` and closes the socket. */
  fail(error: DownloadError): void {
    if (this.phase === 'done') return;
    const phase = this.phase;
    this.stopTimers();
    this.phase = 'done';
    this.hooks.release(false);
    if (phase === 'head') this.settleHead.reject(error);
    else this.settleBody?.reject(error);
  }

  private feedHead(buf: Buffer, start: number, end: number): boolean {
    const at = this.parser.execute(buf, start, end);
    const head = this.parser.head;
    if (!head) return true;
    this.phase = 'waiting-sink';
    if (at < end) {
      if (this.parser.done) this.leftover = true;
      else this.early = Buffer.from(buf.subarray(at, end));
    }
    this.settleHead.resolve(head);
    return false;
  }

  private toSink(buf: Buffer, start: number, end: number): boolean {
    const verdict = this.sink!.write(buf, start, end);
    if (verdict !== 'more') this.verdict = verdict;
    return verdict !== 'stop';
  }

  private deliver(buf: Buffer, start: number, end: number): boolean {
    let at = start;
    while (at < end && !this.parser.done && this.verdict !== 'stop') at = this.parser.execute(buf, at, end);
    if (this.parser.done) {
      // Bytes after a complete response were never asked for: the socket cannot be trusted again.
      this.finish('complete', at < end);
      return false;
    }
    if (this.verdict === 'stop') {
      this.finish('stopped', true);
      return false;
    }
    if (this.verdict === 'pause') {
      this.verdict = 'more';
      this.paused = true;
      void this.sink!.drained().then(() => {
        if (this.phase !== 'body') return;
        this.paused = false;
        this.lastActivity = Date.now();
        this.hooks.resume();
      });
      return false;
    }
    return true;
  }

  private finishEmpty(): boolean {
    this.finish('complete', this.leftover);
    return false;
  }

  private finish(outcome: BodyOutcome, unusable: boolean): void {
    this.stopTimers();
    this.phase = 'done';
    this.hooks.release(!unusable && outcome === 'complete' && this.keepAlive());
    this.settleBody?.resolve(outcome);
  }

  private keepAlive(): boolean {
    return this.parser.head?.keepAlive === true;
  }

  private checkStall(idleMs: number, tickMs: number): void {
    const now = Date.now();
    // A tick this late means the thread was busy (a disk write that blocked): data may be waiting
    // unread on the socket, so the silence is not the server's.
    if (now - this.lastTick > 2 * tickMs) this.lastActivity = now;
    this.lastTick = now;
    if (!this.paused && now - this.lastActivity >= idleMs) {
      this.fail(new DownloadError('TIMEOUT', `no data for ${idleMs} ms`, { retryable: true }));
    }
  }

  private stopTimers(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
  }
}
