import type { ResourceSpec } from './test-server-types';

export type ByteRange = { start: number; end: number };

/** Single-range `bytes=` parser: null = ignore the header, 'unsatisfiable' = answer 416. */
export function parseRangeHeader(
  header: string | undefined,
  total: number,
): ByteRange | 'unsatisfiable' | null {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || total === 0) return 'unsatisfiable';
    return { start: Math.max(0, total - suffix), end: total - 1 };
  }
  const start = Number(first);
  const end = last === '' ? total - 1 : Math.min(Number(last), total - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= total) return 'unsatisfiable';
  return { start, end };
}

export interface PlannedResponse {
  status: 200 | 206 | 416;
  /** Body slice to send; empty for 416. */
  range: ByteRange | null;
}

/** Decides 200 / 206 / 416 for a resource, honouring `If-Range` with a strong ETag or exact date. */
export function planResponse(
  spec: ResourceSpec,
  validators: { etag: string | null; lastModified: string | null },
  rangeHeader: string | undefined,
  ifRange: string | undefined,
): PlannedResponse {
  const total = spec.body.length;
  const full: PlannedResponse = { status: 200, range: total === 0 ? null : { start: 0, end: total - 1 } };
  if (spec.unknownLength || spec.ranges === false || spec.ignoreRangeWith200) return full;
  const parsed = parseRangeHeader(rangeHeader, total);
  if (parsed === null) return full;
  if (ifRange !== undefined && !ifRangeMatches(ifRange, validators)) return full;
  if (parsed === 'unsatisfiable') return { status: 416, range: null };
  return { status: 206, range: parsed };
}

function ifRangeMatches(ifRange: string, v: { etag: string | null; lastModified: string | null }): boolean {
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) {
    return v.etag !== null && !v.etag.startsWith('W/') && ifRange === v.etag;
  }
  return v.lastModified !== null && ifRange === v.lastModified;
}
