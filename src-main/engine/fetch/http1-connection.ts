// One download connection: a single keep-alive TCP or TLS socket at a time, running GETs one after
// another. Reads land in memory chosen per read: straight in the write batch while a body streams,
// else in one reused buffer. No buffer is allocated per read (a read into the batch costs only a
// small view of it); a TLS socket layered on a proxy tunnel delivers Node's own buffers.
import type net from 'node:net';
import { DownloadError } from '../errors';
import { dialOrigin, type DialTarget, type OnRead } from './dial';
import { Exchange } from './http1-exchange';
import { abortReason, socketError } from './socket-errors';
import type { ResponseHead } from './http1-parser';
import type { ConnectionTimeouts } from './worker-protocol';

/**
 * Where reads land when not straight in a write batch (response heads, chunk lines, throttled or
 * encoded bodies). Large, for few callbacks per MiB. Every read is consumed (or copied) before the
 * callback returns and a thread runs one callback at a time, so all connections of a thread share it.
 */
const sharedReadBuffer = Buffer.allocUnsafe(128 * 1024);
const FORBIDDEN_IN_HEADER = /[\r\n\0]/;

export interface GetRequest {
  url: URL;
  /** Every header but Host, which comes from the URL. */
  headers: Record<string, string>;
  timeouts: ConnectionTimeouts;
  signal: AbortSignal;
  proxy?: string;
}

export interface HttpResponse extends ResponseHead {
  exchange: Exchange;
}

function originOf(url: URL, proxy: string | undefined): string {
  return `${url.protocol}//${url.host} via ${proxy ?? 'direct'}`;
}

export function requestText(url: URL, headers: Record<string, string>): string {
  let text = `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (FORBIDDEN_IN_HEADER.test(name) || FORBIDDEN_IN_HEADER.test(value)) {
      throw new DownloadError(
        'INVALID_INPUT',
        `the request header "${name.slice(0, 40)}" contains a line break; remove it`,
      );
    }
    text += `${name}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}

export class Http1Connection {
  private socket: net.Socket | undefined;
  private socketOrigin = '';
  private idle = false;
  private active: Exchange | undefined;
  /** A socket being opened ahead of the first request (`warm`), and how to give it up. */
  private warming: { done: Promise<void>; abort: AbortController } | undefined;

  /**
   * Opens the socket now, so the first request finds it connected. Best effort: if it fails, the
   * request opens its own and reports what goes wrong.
   */
  warm(target: DialTarget): void {
    if (this.socket || this.warming) return;
    const abort = new AbortController();
    const origin = originOf(target.url, target.proxy);
    const done = dialOrigin(target, abort.signal, this.reads())
      .then(({ socket, usesOnread }) => {
        if (abort.signal.aborted || this.socket) return void socket.destroy();
        this.adopt(socket, usesOnread, origin);
        this.idle = true;
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.warming?.abort === abort) this.warming = undefined;
      });
    this.warming = { done, abort };
  }

  /** Sends a GET and resolves with the response head; the body waits for `exchange.readBody`. */
  async get(request: GetRequest): Promise<HttpResponse> {
    const text = requestText(request.url, request.headers);
    const origin = originOf(request.url, request.proxy);
    if (this.warming) await this.warming.done;
    const reuse = this.idle && this.socket !== undefined && this.socketOrigin === origin;
    const controller = new AbortController();
    const forward = (): void => controller.abort(request.signal.reason);
    if (request.signal.aborted) forward();
    request.signal.addEventListener('abort', forward, { once: true });
    // Covers connecting and waiting for the header block: a server that accepts and never answers.
    const timer = setTimeout(() => {
      const ms = request.timeouts.headersMs;
      controller.abort(
        new DownloadError('TIMEOUT', `no response headers within ${ms} ms`, { retryable: true }),
      );
    }, request.timeouts.headersMs);
    try {
      try {
        return await this.attempt(request, text, origin, reuse, controller.signal);
      } catch (err) {
        // A keep-alive socket the server closed while idle fails before any byte: try a fresh one.
        if (!reuse || !(err instanceof StaleSocket)) throw err;
        return await this.attempt(request, text, origin, false, controller.signal);
      }
    } catch (err) {
      throw err instanceof StaleSocket ? err.error : err;
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', forward);
    }
  }

  /** Closes the socket; the next request opens a new one. */
  close(): void {
    this.warming?.abort.abort();
    this.warming = undefined;
    this.active?.fail(new DownloadError('ABORTED', 'the connection was released'));
    this.dropSocket();
  }

  private async attempt(
    request: GetRequest,
    text: string,
    origin: string,
    reuse: boolean,
    headSignal: AbortSignal,
  ): Promise<HttpResponse> {
    if (!reuse) {
      this.dropSocket();
      const target: DialTarget = {
        url: request.url,
        proxy: request.proxy,
        connectMs: request.timeouts.connectMs,
      };
      const { socket, usesOnread } = await dialOrigin(target, headSignal, this.reads());
      this.adopt(socket, usesOnread, origin);
    }
    const socket = this.socket!;
    this.idle = false;
    // The caller's signal cancels the whole exchange; the head signal also carries the headers timeout.
    const onAbort = (): void => exchange.fail(abortReason(request.signal));
    const onHeadAbort = (): void => exchange.fail(abortReason(headSignal));
    const exchange = new Exchange({
      release: (reusable) => {
        request.signal.removeEventListener('abort', onAbort);
        this.release(exchange, reusable);
      },
      resume: () => socket.resume(),
    });
    this.active = exchange;
    request.signal.addEventListener('abort', onAbort, { once: true });
    headSignal.addEventListener('abort', onHeadAbort, { once: true });
    if (headSignal.aborted) onHeadAbort();
    try {
      socket.write(text, 'latin1');
      socket.resume();
      const head = await exchange.head.catch((err: DownloadError) => {
        throw reuse && !exchange.receivedAny && !headSignal.aborted ? new StaleSocket(err) : err;
      });
      return { ...head, exchange };
    } finally {
      headSignal.removeEventListener('abort', onHeadAbort);
    }
  }

  /** Where a socket's reads land: the active exchange's target, else the shared buffer. */
  private reads(): OnRead {
    return {
      buffer: () => this.active?.readTarget() ?? sharedReadBuffer,
      callback: (n, buf) => this.onBytes(buf, 0, n),
    };
  }

  private adopt(socket: net.Socket, usesOnread: boolean, origin: string): void {
    this.socket = socket;
    this.socketOrigin = origin;
    let failure: DownloadError | undefined;
    if (!usesOnread) {
      socket.on('data', (data: Buffer) => {
        if (!this.onBytes(data, 0, data.length)) socket.pause();
      });
    }
    socket.on('error', (err) => (failure = socketError(err)));
    socket.on('close', () => {
      if (this.socket === socket) this.dropSocket();
      this.activeOn(socket)?.closed(failure);
    });
  }

  private activeOn(socket: net.Socket): Exchange | undefined {
    return this.socket === undefined || this.socket === socket ? this.active : undefined;
  }

  private onBytes(buf: Buffer, start: number, end: number): boolean {
    if (this.active) return this.active.feed(buf, start, end);
    // Bytes nobody asked for: the connection is out of step with the server.
    this.dropSocket();
    return false;
  }

  private release(exchange: Exchange, reusable: boolean): void {
    if (this.active !== exchange) return;
    this.active = undefined;
    if (reusable && this.socket && !this.socket.destroyed) {
      this.idle = true;
      this.socket.resume();
    } else {
      this.dropSocket();
    }
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.idle = false;
    socket?.destroy();
  }
}

class StaleSocket extends Error {
  constructor(readonly error: DownloadError) {
    super(error.message);
  }
}
