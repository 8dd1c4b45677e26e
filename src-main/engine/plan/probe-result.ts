// Reads the first response (to `Range: bytes=0-`) and decides how the download proceeds. Pure.
import type { ResponseMeta } from '../fetch/worker-protocol';
import { hasContentEncoding, statusError } from './response-check';
import { parseContentRange } from './content-range';

export interface RemoteIdentity {
  finalUrl: string;
  /** Strong ETag only: a weak one cannot validate byte ranges. */
  etag?: string;
  lastModified?: string;
  contentDisposition?: string;
}

export type ProbeResult =
  | (RemoteIdentity & { kind: 'ranged'; totalBytes: number })
  /** One stream; `reuseProbe` false when the probe body cannot be used and a plain GET is needed. */
  | (RemoteIdentity & { kind: 'single'; totalBytes?: number; reuseProbe: boolean })
  | (RemoteIdentity & { kind: 'empty' });

function lengthOf(headers: Record<string, string>): number | undefined {
  const text = headers['content-length'];
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function identityOf(meta: ResponseMeta): RemoteIdentity {
  const identity: RemoteIdentity = { finalUrl: meta.finalUrl };
  const etag = meta.headers['etag']?.trim();
  if (etag && !etag.startsWith('W/')) identity.etag = etag;
  if (meta.headers['last-modified']) identity.lastModified = meta.headers['last-modified'];
  if (meta.headers['content-disposition']) identity.contentDisposition = meta.headers['content-disposition'];
  return identity;
}

export function interpretProbe(meta: ResponseMeta, nowMs: number): ProbeResult {
  const identity = identityOf(meta);
  const { status, headers } = meta;
  if (status === 200) {
    const totalBytes = hasContentEncoding(headers) ? undefined : lengthOf(headers);
    if (totalBytes === 0) return { ...identity, kind: 'empty' };
    return { ...identity, kind: 'single', totalBytes, reuseProbe: true };
  }
  if (status === 416) {
    const range = parseContentRange(headers['content-range']);
    if (range?.kind === 'unsatisfied' && range.total === 0) return { ...identity, kind: 'empty' };
    // A server that cannot satisfy `bytes=0-` of a non-empty file is not trusted with ranges.
    return { ...identity, kind: 'single', reuseProbe: false };
  }
  if (status !== 206) throw statusError(status, headers, nowMs);
  const range = parseContentRange(headers['content-range']);
  const usable = range?.kind === 'range' && range.start === 0 && !hasContentEncoding(headers);
  if (!usable) return { ...identity, kind: 'single', reuseProbe: false };
  if (range.total === undefined) return { ...identity, kind: 'single', reuseProbe: true };
  // A first response shorter than asked is fine: the writer sees EOF early and the rest is re-fetched.
  return { ...identity, kind: 'ranged', totalBytes: range.total };
}
