// A strict HTTP/1.1 response reader for GET requests: the status line, a bounded header block and
// the body's framing (Content-Length, chunked, or until the connection closes). Pure: it is fed
// bytes and hands the body on as slices of the caller's buffer, never copied.
import { DownloadError } from '../errors';

/** Node's own limit is 16 KiB; CDNs with many cookies need more, nobody honest needs 64 KiB. */
export const MAX_HEADER_BYTES = 64 * 1024;
const MAX_CHUNK_LINE_BYTES = 4096;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/;
const LF = 0x0a;

export interface ResponseHead {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The server allows another request on this connection after this response. */
  keepAlive: boolean;
}

export interface ParserEvents {
  /** A body slice, valid only during the call. Returning false stops this `execute` call here. */
  body(buf: Buffer, start: number, end: number): boolean;
}

type Phase =
  'head' | 'length' | 'close' | 'chunk-line' | 'chunk-data' | 'chunk-data-end' | 'trailers' | 'done';

export function protocolError(detail: string): DownloadError {
  return new DownloadError('PROTOCOL_ERROR', `the server sent an invalid HTTP response: ${detail}`, {
    retryable: true,
  });
}

function parseContentLength(value: string): number {
  // "5, 5" is allowed (a proxy merged duplicates); differing values are not.
  const values = new Set(value.split(',').map((v) => v.trim()));
  const [only] = values;
  if (values.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only)) {
    throw protocolError(`Content-Length "${value}"`);
  }
  return Number(only);
}

function parseHeaderLines(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    // Folded lines and whitespace before the colon are how responses get smuggled: refused.
    if (!TOKEN.test(name)) throw protocolError(`header line "${line.slice(0, 80)}"`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

export class ResponseParser {
  private phase: Phase = 'head';
  private headParts: Buffer[] = [];
  private headBytes = 0;
  private remaining = 0;
  private line = '';
  private parsedHead: ResponseHead | undefined;

  constructor(private readonly events: ParserEvents) {}

  get head(): ResponseHead | undefined {
    return this.parsedHead;
  }

  get done(): boolean {
    return this.phase === 'done';
  }

  /**
   * Body bytes that may come next with no framing among them: the rest of a Content-Length body or
   * of the current chunk, Infinity for a body that ends with the connection, else 0. A read of at
   * most this many bytes is all body, so it may land straight where the body goes.
   */
  get plainBodyBytes(): number {
    if (this.phase === 'length' || this.phase === 'chunk-data') return this.remaining;
    return this.phase === 'close' ? Infinity : 0;
  }

  /**
   * Consumes bytes from buf[start, end). Returns how far it got: it stops right after the header
   * block (so the caller can attach a body consumer), at the end of the message, or where `body`
   * asked to stop. Throws a DownloadError on anything that is not valid HTTP/1.1.
   */
  execute(buf: Buffer, start: number, end: number): number {
    let at = start;
    while (at < end && this.phase !== 'done') {
      switch (this.phase) {
        case 'head': {
          const next = this.readHead(buf, at, end);
          if (this.parsedHead !== undefined) return next;
          at = next;
          break;
        }
        case 'length':
        case 'chunk-data': {
          const take = Math.min(this.remaining, end - at);
          this.remaining -= take;
          const keepGoing = this.events.body(buf, at, at + take);
          at += take;
          if (this.remaining === 0) this.phase = this.phase === 'length' ? 'done' : 'chunk-data-end';
          if (!keepGoing) return at;
          break;
        }
        case 'close': {
          this.events.body(buf, at, end);
          return end;
        }
        default:
          at = this.readLine(buf, at, end);
      }
    }
    return at;
  }

  /** The connection closed: fine only for a body that is framed by the close. */
  finishOnClose(): void {
    if (this.phase === 'close') this.phase = 'done';
    if (this.phase === 'done') return;
    throw new DownloadError(
      'NETWORK',
      this.phase === 'head'
        ? 'the connection closed before the response headers were complete'
        : 'the connection closed before the response body was complete',
      { retryable: true },
    );
  }

  private readHead(buf: Buffer, start: number, end: number): number {
    // The end marker may straddle two reads: search from a little before the new bytes.
    const carried = Math.min(3, this.headBytes);
    const piece = buf.subarray(start, end);
    const window = carried > 0 ? Buffer.concat([this.tail(carried), piece]) : piece;
    const found = window.indexOf(HEAD_END);
    const used = found < 0 ? piece.length : found + HEAD_END.length - carried;
    if (this.headBytes + used > MAX_HEADER_BYTES) {
      throw new DownloadError(
        'NETWORK',
        `the response headers are larger than ${MAX_HEADER_BYTES / 1024} KiB`,
        { retryable: true },
      );
    }
    this.headParts.push(Buffer.from(piece.subarray(0, used)));
    this.headBytes += used;
    if (found >= 0) this.startHead(Buffer.concat(this.headParts).toString('latin1'));
    return start + used;
  }

  private tail(bytes: number): Buffer {
    const all = Buffer.concat(this.headParts);
    this.headParts = [all];
    return all.subarray(all.length - bytes);
  }

  private startHead(text: string): void {
    this.headParts = [];
    this.headBytes = 0;
    const lines = text.slice(0, -4).split('\r\n');
    const match = STATUS_LINE.exec(lines[0] ?? '');
    if (!match) throw protocolError(`status line "${(lines[0] ?? '').slice(0, 80)}"`);
    const status = Number(match[2]);
    const headers = parseHeaderLines(lines.slice(1));
    // Interim responses (100 Continue, 103 Early Hints) precede the real one.
    if (status >= 100 && status < 200) {
      if (status === 101) throw protocolError('an unrequested protocol switch (101)');
      return;
    }
    const connection = (headers['connection'] ?? '').toLowerCase();
    let keepAlive = match[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    const transferEncoding = headers['transfer-encoding'];
    if (status === 204 || status === 304) {
      this.phase = 'done';
    } else if (transferEncoding !== undefined) {
      const codings = transferEncoding
        .toLowerCase()
        .split(',')
        .map((c) => c.trim());
      this.phase = codings[codings.length - 1] === 'chunked' ? 'chunk-line' : 'close';
      // A message with both framings may be an attack on an intermediary: never reuse its connection.
      if (headers['content-length'] !== undefined || this.phase === 'close') keepAlive = false;
    } else if (headers['content-length'] !== undefined) {
      this.remaining = parseContentLength(headers['content-length']);
      this.phase = this.remaining === 0 ? 'done' : 'length';
    } else {
      this.phase = 'close';
      keepAlive = false;
    }
    this.parsedHead = { status, headers, keepAlive };
  }

  /** Chunk-size lines, the CRLF after chunk data, and trailers: line-oriented and small. */
  private readLine(buf: Buffer, start: number, end: number): number {
    const newline = buf.subarray(start, end).indexOf(LF);
    const stop = newline < 0 ? end : start + newline + 1;
    this.line += buf.toString('latin1', start, stop);
    if (this.line.length > MAX_CHUNK_LINE_BYTES) throw protocolError('a chunk line is too long');
    if (!this.line.endsWith('\r\n')) return stop;
    const line = this.line.slice(0, -2);
    this.line = '';
    if (this.phase === 'chunk-data-end') {
      if (line !== '') throw protocolError('chunk data longer than its size');
      this.phase = 'chunk-line';
    } else if (this.phase === 'chunk-line') {
      const match = CHUNK_SIZE.exec(line);
      if (!match?.[1]) throw protocolError(`chunk size "${line.slice(0, 40)}"`);
      this.remaining = parseInt(match[1], 16);
      this.phase = this.remaining === 0 ? 'trailers' : 'chunk-data';
    } else if (line === '') {
      this.phase = 'done';
    }
    return stop;
  }
}
