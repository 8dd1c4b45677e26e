import type { ByteRange } from './range-response';
import type { OutgoingHttpHeaders } from 'node:http';
import type { BadFraming, ContentRangeLie, FaultSpec } from './test-server-types';

type CountedFault = Exclude<keyof FaultSpec, 'gzipRanged' | 'maxConnections'>;

/** Per-resource counts of how often each fault fired, so `times` limits can be honoured. */
export class FaultCounters {
  private readonly fired = new Map<CountedFault, number>();

  /** Fires the fault if it is configured and still has uses left. */
  take(faults: FaultSpec | undefined, name: CountedFault): boolean {
    const fault = faults?.[name];
    if (fault === undefined) return false;
    const count = this.fired.get(name) ?? 0;
    if (fault.times !== undefined && count >= fault.times) return false;
    this.fired.set(name, count + 1);
    return true;
  }

  clear(): void {
    this.fired.clear();
  }
}

export interface BodyFaults {
  resetAfterBytes?: number;
  truncateAfterBytes?: number;
  stallAfterBytes?: { bytes: number; ms: number };
}

/** Picks the mid-body faults that can fire on a body of `length` bytes (they need bytes left to cut). */
export function takeBodyFaults(
  faults: FaultSpec | undefined,
  counters: FaultCounters,
  length: number,
): BodyFaults {
  const picked: BodyFaults = {};
  const reset = faults?.resetAfterBytes;
  if (reset && reset.bytes < length && counters.take(faults, 'resetAfterBytes')) {
    picked.resetAfterBytes = reset.bytes;
  }
  const truncate = faults?.truncateAfterBytes;
  if (truncate && truncate.bytes < length && counters.take(faults, 'truncateAfterBytes')) {
    picked.truncateAfterBytes = truncate.bytes;
  }
  const stall = faults?.stallAfterBytes;
  if (stall && stall.bytes < length && counters.take(faults, 'stallAfterBytes')) {
    picked.stallAfterBytes = { bytes: stall.bytes, ms: stall.ms };
  }
  return picked;
}

/**
 * A neighbouring range of the same length, one byte before the ask unless `direction` says after
 * (shorter only when the ask reaches the end of the body). After the ask it spares ranges from byte
 * 0, so the first request of a download still looks honest.
 */
export function wrongRangeFor(
  asked: ByteRange,
  total: number,
  direction: 'before' | 'after' = 'before',
): ByteRange | null {
  if (direction === 'after') {
    if (asked.start === 0 || asked.start >= total - 1) return null;
    return { start: asked.start + 1, end: Math.min(asked.end + 1, total - 1) };
  }
  if (asked.start > 0) return { start: asked.start - 1, end: asked.end - 1 };
  if (asked.end < total - 1) return { start: asked.start + 1, end: asked.end + 1 };
  if (asked.end > asked.start) return { start: asked.start, end: asked.end - 1 };
  return null;
}

/** Whether an Accept-Encoding value allows gzip (q=0 refuses it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  return acceptEncoding.split(',').some((entry) => {
    const [coding = '', ...params] = entry.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Replaces the honest Content-Range of a 206 for `range` (which does not start at 0) with a lie; the
 * body and its Content-Length stay those of `range`.
 */
export function lieAboutRange(
  headers: OutgoingHttpHeaders,
  kind: ContentRangeLie,
  range: ByteRange,
  total: number,
): void {
  if (kind === 'missing') delete headers['Content-Range'];
  else if (kind === 'offset') headers['Content-Range'] = `bytes ${range.start + 1}-${range.end + 1}/${total}`;
  else if (kind === 'superset') headers['Content-Range'] = `bytes ${range.start - 1}-${range.end}/${total}`;
  else if (kind === 'malformed') headers['Content-Range'] = `bytes ${range.start}+${range.end}/${total}`;
  else headers['Content-Range'] = `bytes */${total}`;
}

/** A whole response, written raw because Node's HTTP server refuses to frame one this badly. */
export function badlyFramedResponse(kind: BadFraming, body: Buffer): Buffer {
  const head =
    kind === 'duplicate-length'
      ? `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + 1}\r\n\r\n`
      : `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n`;
  const tail = kind === 'duplicate-length' ? '' : '\r\nnot-a-size\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from(tail, 'latin1')]);
}
