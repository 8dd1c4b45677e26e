// Extra request headers a caller may attach to a download (cookies, authorization, referer, …).
// One policy for the engine, the IPC guard and the RPC endpoint: syntax, sizes, and the headers the
// engine itself owns, which are dropped because a caller's value would break ranged, verified fetching.

export const MAX_REQUEST_HEADERS = 64;
export const MAX_HEADER_NAME_LENGTH = 256;
export const MAX_HEADER_VALUE_LENGTH = 8192;
export const MAX_HEADERS_TOTAL_LENGTH = 32 * 1024;

/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII and Latin-1, space and tab; no CR, LF or NUL (header injection). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const ENGINE_OWNED = new Set([
  'range',
  'accept-encoding',
  'connection',
  'keep-alive',
  'content-length',
  'host',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
]);

/** True for a header the engine sets itself (ranges, validators, encoding, framing). */
export function isEngineOwnedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return ENGINE_OWNED.has(lower) || lower.startsWith('if-');
}

export type HeadersCheck = { ok: true; value: Record<string, string> } | { ok: false; message: string };

/**
 * Checks a `{name: value}` map and returns a clean copy without engine-owned headers. A name given
 * twice in different case keeps the last value.
 */
export function checkRequestHeaders(input: unknown): HeadersCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, message: 'headers must be an object of name → value' };
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_REQUEST_HEADERS)
    return { ok: false, message: `at most ${MAX_REQUEST_HEADERS} headers can be sent` };
  const byLowerName = new Map<string, [string, string]>();
  let total = 0;
  for (const [name, value] of entries) {
    if (name.length > MAX_HEADER_NAME_LENGTH || !HEADER_NAME.test(name))
      return { ok: false, message: `"${name.slice(0, 64)}" is not a valid header name` };
    if (typeof value !== 'string') return { ok: false, message: `the value of header ${name} must be text` };
    if (value.length > MAX_HEADER_VALUE_LENGTH || !HEADER_VALUE.test(value))
      return {
        ok: false,
        message: `the value of header ${name} must be one line of at most ${MAX_HEADER_VALUE_LENGTH} characters`,
      };
    total += name.length + value.length;
    if (isEngineOwnedHeader(name)) continue;
    byLowerName.set(name.toLowerCase(), [name, value.trim()]);
  }
  if (total > MAX_HEADERS_TOTAL_LENGTH)
    return { ok: false, message: `headers must be at most ${MAX_HEADERS_TOTAL_LENGTH} characters in all` };
  return { ok: true, value: Object.fromEntries(byLowerName.values()) };
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * The headers to send to `target` when the caller gave them for `origin`: credentials never follow a
 * redirect to another origin (as curl and browsers do).
 */
export function headersForTarget(
  headers: Record<string, string>,
  origin: string,
  target: string,
): Record<string, string> {
  if (new URL(origin).origin === new URL(target).origin) return headers;
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
  );
}
