import type { IncomingHttpHeaders } from 'node:http';

export interface ResourceSpec {
  body: Buffer;
  /** Default true: a single `Range: bytes=a-b | a- | -n` gets 206 + Content-Range; unsatisfiable gets 416. */
  ranges?: boolean;
  /** Answer ranged requests with 200 and the full body while still advertising `Accept-Ranges: bytes`. */
  ignoreRangeWith200?: boolean;
  /** Chunked transfer without Content-Length; Range is ignored. */
  unknownLength?: boolean;
  /** Default: a strong ETag derived from the body; null sends none. */
  etag?: string | null;
  /** Default: a fixed HTTP date; null sends none. */
  lastModified?: string | null;
  contentDisposition?: string;
  contentType?: string;
  /** Extra headers on every 200/206/416 response of this resource, GET and HEAD. */
  headers?: Record<string, string>;
  /** Token bucket per TCP connection; it persists across keep-alive requests. */
  perConnectionRateBps?: number;
  /** Throttles data connections by their 1-based index since the last reset (every Nth, or listed). */
  slowConnections?: { every?: number; indices?: number[]; rateBps: number };
  faults?: FaultSpec;
}

export type ContentRangeLie = 'offset' | 'missing' | 'malformed' | 'star' | 'superset';
export type BadFraming = 'duplicate-length' | 'bad-chunk-size';

/**
 * Each fault with `times` fires on the first `times` requests of this resource where it can apply
 * (default: every such request). Byte faults apply to GET only, and only when the body is longer than
 * `bytes`. Counters restart on `setResource` and `reset`.
 */
export interface FaultSpec {
  /** TCP reset (RST) after `bytes` body bytes were flushed. */
  resetAfterBytes?: { bytes: number; times?: number };
  /** Clean close (FIN) after `bytes` body bytes although the headers promised more. */
  truncateAfterBytes?: { bytes: number; times?: number };
  stallBeforeHeadersMs?: { ms: number; times?: number };
  /** Sends `bytes`, then nothing for `ms`, then the rest. */
  stallAfterBytes?: { bytes: number; ms: number; times?: number };
  /** Answers with this status (GET and HEAD) instead of the resource. */
  status?: { code: 503 | 429 | 500 | 404 | 403 | 408; retryAfter?: string; times?: number };
  /**
   * A 206 whose Content-Range and body are a neighbouring range of the asked one: one byte before it
   * (default; it still covers the first asked byte, so it is usable data) or one byte after it.
   */
  wrongContentRange?: { times?: number; direction?: 'before' | 'after' };
  /** An honest superset: a 206 whose Content-Range and body reach `bytes` before and after the ask. */
  supersetRange?: { bytes: number; times?: number };
  /**
   * A 206 whose Content-Range lies about the asked bytes it carries: shifted one byte forward,
   * missing, malformed, `*`, or a superset its Content-Length contradicts. (Shifted back it could not
   * be told from an honest neighbouring range, which RFC 9110 says to place by its Content-Range.)
   * Only ranges that do not start at byte 0, so the first request of a download still looks honest.
   */
  contentRangeLie?: { kind: ContentRangeLie; times?: number };
  /** A GET answered raw with a malformed response: two differing Content-Lengths, or a bad chunk size. */
  badFraming?: { kind: BadFraming; times?: number };
  /** A 206 with the asked Content-Range but `bytes` more body bytes (Content-Length includes them). */
  extraBytes?: { bytes: number; times?: number };
  /** `Content-Encoding: gzip` on 206 responses when Accept-Encoding allows gzip. */
  gzipRanged?: boolean;
  /**
   * Requests arriving while `max` requests (to any path) are in flight are refused with 503 or a TCP
   * reset. Idle keep-alive sockets do not count, as with nginx `limit_conn`.
   */
  maxConnections?: { max: number; mode: '503' | 'reset' };
}

export interface RequestRecord {
  method: string;
  /** Path and query as sent. */
  path: string;
  range?: string;
  ifRange?: string;
  acceptEncoding?: string;
  /** Every request header as Node parsed it (names in lower case). */
  headers: IncomingHttpHeaders;
  /** 0 while the headers are not sent yet, or when the request was answered with a reset. */
  status: number;
  /** Body bytes handed to the socket so far. */
  bytesSent: number;
  /** 1-based index of the TCP connection since the last reset. */
  connectionIndex: number;
  /** 1-based index among connections that carried a 200/206 GET body, 0 if this one has not (yet). */
  dataConnectionIndex: number;
}

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

export interface TestServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  url(path: string): string;
  /** Replaces the resource at any time; requests in flight finish with the old one. */
  setResource(path: string, spec: ResourceSpec): void;
  /** `to` is a path or an absolute URL; chains and loops are allowed. Default status 302. */
  setRedirect(from: string, to: string, status?: RedirectStatus): void;
  /** Snapshot of the request log since the last reset. */
  requests(): RequestRecord[];
  /** Distinct TCP connections seen since the last reset (accepted, or reused by a request). */
  connectionsOpened(): number;
  /** Peak of simultaneously open TCP connections among those counted by connectionsOpened(). */
  maxConcurrentConnections(): number;
  /** Peak of simultaneously in-flight requests since the last reset. */
  maxConcurrentRequests(): number;
  /** Clears the request log, counters, fault counters and connection indices. */
  reset(): void;
  /** Stops listening and destroys open sockets. */
  close(): Promise<void>;
}
