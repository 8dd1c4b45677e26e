import type { DigestAlgorithm } from '../../../src-shared/download-types';
import type { ParsedDigests } from './header-digest-parsers';
import {
  parseAmzChecksum,
  parseContentMd5,
  parseGoogHash,
  parseRfc3230Digest,
  parseRfc9530Digest,
} from './header-digest-parsers';

/** A digest a response header states for the whole file. `source` is the lower-case header name. */
export interface ServerReference {
  algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  hex: string;
  source: string;
}

export interface ReferenceProblem {
  source: string;
  message: string;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** Request headers that make S3 return `x-amz-checksum-*` on GET. */
export const S3_CHECKSUM_REQUEST_HEADERS = { 'x-amz-checksum-mode': 'ENABLED' } as const;

const AMZ_PREFIX = 'x-amz-checksum-';
/** `x-amz-checksum-*` headers that describe the checksum rather than carry one. */
const AMZ_NON_CHECKSUM = new Set(['x-amz-checksum-mode', 'x-amz-checksum-type']);

interface Representation {
  /** Content-Encoding of the bytes sent, undefined when none (or identity). */
  sent?: string;
  /** GCS stored encoding of the object, undefined when none. */
  stored?: string;
  /** The Content-Range when the response carries only part of the file. */
  partialRange?: string;
  bytesAreDecoded: boolean;
}

/**
 * Reads every digest the response states about the file, strictly. Pass the headers of a response
 * whose body is the whole file (a 200, or the probe's 206 for `bytes=0-`); `bytesAreDecoded` says
 * whether the bytes that are hashed had a Content-Encoding removed. A malformed value, and a digest
 * that describes other bytes than those hashed, lands in `problems` and never in `references`.
 */
export function parseReferenceHeaders(
  headers: ResponseHeaders,
  ctx: { bytesAreDecoded: boolean },
): { references: ServerReference[]; problems: ReferenceProblem[] } {
  const fields = fieldLines(headers);
  const representation: Representation = {
    sent: codingOf(fields.get('content-encoding')),
    stored: codingOf(fields.get('x-goog-stored-content-encoding')),
    partialRange: partialRangeOf(fields.get('content-range')),
    bytesAreDecoded: ctx.bytesAreDecoded,
  };
  const references: ServerReference[] = [];
  const problems: ReferenceProblem[] = [];

  const collect = (source: string, parsed: ParsedDigests[]): void => {
    const dropReason = notComparableReason(source, representation, fields);
    for (const { digests, problems: sourceProblems } of parsed) {
      problems.push(...sourceProblems.map((message) => ({ source, message })));
      if (dropReason !== undefined) continue;
      for (const { algorithm, hex } of digests) {
        const duplicate = references.some(
          (r) => r.source === source && r.algorithm === algorithm && r.hex === hex,
        );
        if (!duplicate) references.push({ algorithm, hex, source });
      }
    }
    if (dropReason !== undefined && parsed.some((p) => p.digests.length > 0)) {
      problems.push({ source, message: `not compared: ${dropReason}` });
    }
  };

  const joined = (name: string, parse: (value: string) => ParsedDigests): void => {
    const lines = fields.get(name);
    // Repeated list fields combine with commas (RFC 9110 section 5.3).
    if (lines !== undefined) collect(name, [parse(lines.join(', '))]);
  };
  joined('x-goog-hash', parseGoogHash);
  joined('repr-digest', parseRfc9530Digest);
  joined('content-digest', parseRfc9530Digest);
  joined('digest', parseRfc3230Digest);
  const md5Lines = fields.get('content-md5');
  if (md5Lines !== undefined) collect('content-md5', md5Lines.map(parseContentMd5));
  for (const [name, lines] of fields) {
    if (!name.startsWith(AMZ_PREFIX) || AMZ_NON_CHECKSUM.has(name)) continue;
    const algorithm = name.slice(AMZ_PREFIX.length);
    collect(
      name,
      lines.map((line) => parseAmzChecksum(algorithm, line)),
    );
  }
  return { references, problems };
}

/** Why a source's digests describe other bytes than the ones hashed, or undefined if they match. */
function notComparableReason(
  source: string,
  rep: Representation,
  fields: Map<string, string[]>,
): string | undefined {
  const encoded = rep.sent ?? rep.stored;
  const decodedLocally =
    rep.bytesAreDecoded && encoded !== undefined
      ? `it describes the ${encoded}-encoded representation and the bytes are decoded`
      : undefined;
  const sentDecodedLocally =
    rep.bytesAreDecoded && rep.sent !== undefined
      ? `it describes the ${rep.sent}-encoded representation and the bytes are decoded`
      : undefined;
  const partial = rep.partialRange !== undefined ? `it describes only ${rep.partialRange}` : undefined;
  switch (source) {
    case 'content-md5':
    case 'content-digest':
      return partial ?? decodedLocally;
    case 'digest':
      return decodedLocally;
    case 'x-goog-hash':
      // Without Content-Encoding, GCS has transcoded the stored (compressed) object for us.
      if (rep.stored !== undefined && rep.sent === undefined) {
        return `it describes the stored ${rep.stored}-encoded object and the server sent it decoded`;
      }
      return decodedLocally;
    case 'repr-digest':
      return sentDecodedLocally;
    default:
      if (fields.get('x-amz-checksum-type')?.[0]?.trim().toUpperCase() === 'COMPOSITE') {
        return 'x-amz-checksum-type is COMPOSITE (a checksum of part checksums)';
      }
      return sentDecodedLocally;
  }
}

/** Header lines by lower-case name; `undefined` values are absent headers. */
function fieldLines(headers: ResponseHeaders): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    fields.set(key, [...(fields.get(key) ?? []), ...(Array.isArray(value) ? value : [value])]);
  }
  return fields;
}

/** The content codings applied, without identity, or undefined when there are none. */
function codingOf(lines: string[] | undefined): string | undefined {
  const codings = (lines ?? [])
    .join(',')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.length > 0 ? codings.join(', ') : undefined;
}

/** The Content-Range text when it is not the whole file (an unreadable one counts as partial). */
function partialRangeOf(lines: string[] | undefined): string | undefined {
  if (lines === undefined) return undefined;
  const text = lines.join(', ').trim();
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(text);
  const whole = match !== null && match[1] === '0' && Number(match[2]) + 1 === Number(match[3]);
  return whole ? undefined : `"${text}"`;
}
