// Validates the request fields of the add options (headers, the download's speed limit, its proxy)
// with the same rules the engine applies.
import { parseHeaderLines } from '../../src-shared/header-lines';
import { checkProxyUrl } from '../../src-shared/proxy-url';

const KIB = 1024;
export const MAX_SPEED_LIMIT_KIBPS = 10_000_000;

export interface RequestFormValues {
  /** `Name: value`, one per line. */
  headers: string;
  speedLimitKiBps: string;
  proxy: string;
}

export const EMPTY_REQUEST_FORM: RequestFormValues = { headers: '', speedLimitKiBps: '', proxy: '' };

export interface RequestOptions {
  headers?: Record<string, string>;
  maxBytesPerSecond?: number;
  proxy?: string;
}

export type RequestFormResult =
  { ok: true; options: RequestOptions } | { ok: false; field: keyof RequestFormValues; message: string };

/** A checker's phrase as a sentence for a form field. */
export function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

export function readRequestForm(values: RequestFormValues): RequestFormResult {
  const options: RequestOptions = {};
  const headers = parseHeaderLines(values.headers.split(/\r?\n/));
  if (!headers.ok) return { ok: false, field: 'headers', message: sentence(headers.message) };
  if (Object.keys(headers.value).length > 0) options.headers = headers.value;
  const limit = values.speedLimitKiBps.trim();
  if (limit !== '') {
    const kib = Number(limit);
    if (!Number.isInteger(kib) || kib < 0 || kib > MAX_SPEED_LIMIT_KIBPS) {
      return {
        ok: false,
        field: 'speedLimitKiBps',
        message: `Speed limit must be a whole number of KiB/s from 0 (unlimited) to ${MAX_SPEED_LIMIT_KIBPS}.`,
      };
    }
    if (kib > 0) options.maxBytesPerSecond = kib * KIB;
  }
  if (values.proxy.trim() !== '') {
    const proxy = checkProxyUrl(values.proxy);
    if (!proxy.ok) return { ok: false, field: 'proxy', message: sentence(proxy.message) };
    options.proxy = proxy.value;
  }
  return { ok: true, options };
}
