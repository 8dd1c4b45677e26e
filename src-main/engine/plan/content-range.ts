// Parses `Content-Range` strictly: a 206 whose range cannot be trusted must never steer where bytes
// are written, so anything unusual is rejected rather than guessed.
export type ContentRange =
  | { kind: 'range'; start: number; end: number; total?: number } // total undefined for `*`
  | { kind: 'unsatisfied'; total: number }; // `bytes */N`

const RANGE_PATTERN = /^bytes (\d+)-(\d+)\/(\d+|\*)$/i;
const UNSATISFIED_PATTERN = /^bytes \*\/(\d+)$/i;

function toSafeInteger(digits: string): number | undefined {
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function parseContentRange(header: string | undefined): ContentRange | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();

  const unsatisfied = UNSATISFIED_PATTERN.exec(value);
  if (unsatisfied) {
    const total = toSafeInteger(unsatisfied[1]);
    return total === undefined ? undefined : { kind: 'unsatisfied', total };
  }

  const match = RANGE_PATTERN.exec(value);
  if (!match) return undefined;
  const start = toSafeInteger(match[1]);
  const end = toSafeInteger(match[2]);
  if (start === undefined || end === undefined || end < start) return undefined;
  if (match[3] === '*') return { kind: 'range', start, end };
  const total = toSafeInteger(match[3]);
  if (total === undefined || end >= total) return undefined;
  return { kind: 'range', start, end, total };
}

/** `bytes=start-` (open-ended) or `bytes=start-end` (inclusive). */
export function formatRangeHeader(start: number, end?: number): string {
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`Invalid range start: ${start}`);
  if (end === undefined) return `bytes=${start}-`;
  if (!Number.isSafeInteger(end) || end < start) throw new RangeError(`Invalid range end: ${end}`);
  return `bytes=${start}-${end}`;
}
