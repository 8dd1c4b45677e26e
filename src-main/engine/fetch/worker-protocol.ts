// Messages between the engine (main thread) and the chunk workers. Workers never decide chunk
// boundaries: they fetch what they are told and confirm or refuse a shrink.
import type { ErrorInfo } from '../../../src-shared/download-types';

/** A worker receiving bytes reports a task's progress at least this often. */
export const PROGRESS_INTERVAL_MS = 100;

export interface ResponseMeta {
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
}

/** Expectations every ranged response is checked against. */
export interface RangeExpectation {
  totalBytes: number;
  etag?: string;
  lastModified?: string;
}

export interface ConnectionTimeouts {
  connectMs: number;
  headersMs: number;
  idleMs: number;
}

interface FetchBase {
  taskId: number;
  /** Stable per download connection: one keep-alive socket each. */
  connectionKey: string;
  url: string;
  timeouts: ConnectionTimeouts;
  /** The user's headers, sent on every request; names the engine owns (Range, If-*...) are dropped. */
  extraHeaders: Record<string, string>;
  /**
   * Origin that the Authorization and Cookie in `extraHeaders` were given for (default: the origin
   * of `url`); after a redirect elsewhere they are not sent, as curl and browsers do.
   */
  credentialsOrigin?: string;
  /** `http://`, `https://`, `socks5://` or `socks5h://` proxy URL, optionally with user:pass. */
  proxy?: string;
}

/** `Range: bytes=0-` that reports headers and waits for a `continue` or `abort`. */
export interface ProbeRequest extends FetchBase {
  type: 'probe';
  maxRedirects: number;
}

/** A ranged GET of [position, end] written at those offsets. */
export interface RangeRequest extends FetchBase {
  type: 'range';
  fd: number;
  start: number;
  position: number;
  end: number;
  crc: number;
  expect: RangeExpectation;
  ifRange?: string;
}

/** A plain GET of the whole body, written from offset 0 (servers without ranges). */
export interface StreamRequest extends FetchBase {
  type: 'stream';
  fd: number;
  /** Inclusive last byte when the length is known. */
  end?: number;
  /** For a body of unknown length: the most bytes to write; a longer one fails with FILE_TOO_LARGE. */
  maxBytes?: number;
}

export interface ContinueProbe {
  type: 'continue';
  taskId: number;
  fd: number;
  /** Inclusive end for a ranged first chunk; undefined when the body is read to EOF. */
  end?: number;
  /** For a body of unknown length: the most bytes to write; a longer one fails with FILE_TOO_LARGE. */
  maxBytes?: number;
}

/**
 * Opens a connection's socket (TCP, TLS, proxy tunnel) before its first request is known, while
 * the engine prepares the file: that request then goes out at once. Best effort: a socket that
 * cannot be opened is tried again, and reported, by the request.
 */
export interface WarmRequest {
  type: 'warm';
  connectionKey: string;
  url: string;
  proxy?: string;
  timeouts: ConnectionTimeouts;
}

export type MainToWorker =
  | ProbeRequest
  | WarmRequest
  | RangeRequest
  | StreamRequest
  | ContinueProbe
  | { type: 'shrink'; taskId: number; newEnd: number }
  /** Raises the end of a body that runs from byte 0 on (the first response), if it is still read. */
  | { type: 'grow'; taskId: number; newEnd: number }
  | { type: 'abort'; taskId: number }
  | { type: 'release'; connectionKey: string }
  /**
   * A speed limit's share per connection (0 = unlimited): the global one without a prefix, or one
   * download's for the connections whose key starts with `connectionKeyPrefix`. The lower one wins.
   */
  | { type: 'rate'; bytesPerSecond: number; connectionKeyPrefix?: string };

export interface FailureInfo extends ErrorInfo {
  retryAfterMs?: number;
}

export type WorkerToMain =
  | { type: 'headers'; taskId: number; meta: ResponseMeta }
  | { type: 'progress'; taskId: number; position: number; crc: number }
  | { type: 'shrink-result'; taskId: number; accepted: boolean; end: number }
  | { type: 'grow-result'; taskId: number; accepted: boolean; end: number }
  | { type: 'done'; taskId: number; position: number; crc: number }
  | { type: 'failed'; taskId: number; position: number; crc: number; error: FailureInfo };
