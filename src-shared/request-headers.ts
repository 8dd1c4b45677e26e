// Extra request headers a download carries (cookies, tokens, Referer, User-Agent from the browser):
// what a header may look like, and which headers the engine sets itself and never takes from a user.
import type { Checked } from './proxy-url';

export const MAX_EXTRA_HEADERS = 50;
export const MAX_HEADER_VALUE_LENGTH = 8192;
export const MAX_HEADERS_TOTAL_LENGTH = 32 * 1024;

/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
/** Visible Latin-1 characters, spaces and tabs: no CR, LF or NUL that could split a request. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const ENGINE_OWNED = new Set([
  'range',
  'accept-encoding',
  'connection',
  'content-length',
  'host',
  'transfer-encoding',
  'keep-alive',
  'te',
  'upgrade',
]);

/** Headers the engine sets on each request itself (ranges, validators, framing). */
export function isEngineOwnedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return ENGINE_OWNED.has(lower) || lower.startsWith('if-');
}

function checkHeader(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return `"${name.slice(0, 40)}" is not a header name`;
  if (value.length > MAX_HEADER_VALUE_LENGTH) return `the ${name} header is longer than 8 KiB`;
  if (!HEADER_VALUE.test(value)) return `the ${name} header contains a line break or control character`;
  return undefined;
}

/** Two values of one header: cookies join with `; `, others with `, ` (RFC 9110 list syntax). */
function join(name: string, first: string, second: string): string {
  return `${first}${name.toLowerCase() === 'cookie' ? '; ' : ', '}${second}`;
}

/**
 * Keeps the headers a user may set: checks names and values, merges repeated names (any case), and
 * drops the engine's own headers. Used by every caller of the engine, however the headers arrived.
 */
export function checkExtraHeaders(
  headers: Readonly<Record<string, unknown>>,
): Checked<Record<string, string>> {
  const result: Record<string, string> = {};
  const names = new Map<string, string>();
  let total = 0;
  const entries = Object.entries(headers);
  if (entries.length > MAX_EXTRA_HEADERS)
    return { ok: false, message: `at most ${MAX_EXTRA_HEADERS} headers` };
  for (const [name, raw] of entries) {
    if (typeof raw !== 'string')
      return { ok: false, message: `the ${name.slice(0, 40)} header must be text` };
    const value = raw.trim();
    const problem = checkHeader(name, value);
    if (problem) return { ok: false, message: problem };
    total += name.length + value.length;
    if (total > MAX_HEADERS_TOTAL_LENGTH) return { ok: false, message: 'the headers are longer than 32 KiB' };
    if (isEngineOwnedHeader(name)) continue;
    const known = names.get(name.toLowerCase());
    if (known === undefined) {
      names.set(name.toLowerCase(), name);
      result[name] = value;
    } else result[known] = join(known, result[known]!, value);
  }
  return { ok: true, value: result };
}

/** Reads one `Name: value` line, as `curl -H` and `aria2c --header` take it. */
export function parseHeaderLine(line: string): Checked<[string, string]> {
  const colon = line.indexOf(':');
  if (colon <= 0) return { ok: false, message: `"${line.slice(0, 40)}" is not a header: write Name: value` };
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  const problem = checkHeader(name, value);
  if (problem) return { ok: false, message: problem };
  if (isEngineOwnedHeader(name)) {
    return { ok: false, message: `the downloader sets ${name} itself on every request; remove that line` };
  }
  return { ok: true, value: [name, value] };
}

/** Reads `Name: value` lines (blank lines ignored) into the headers a download carries. */
export function parseHeaderLines(lines: readonly string[]): Checked<Record<string, string>> {
  const headers: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = parseHeaderLine(line);
    if (!parsed.ok) return parsed;
    const [name, value] = parsed.value;
    const known = names.get(name.toLowerCase());
    if (known === undefined) {
      names.set(name.toLowerCase(), name);
      headers[name] = value;
    } else headers[known] = join(known, headers[known]!, value);
  }
  return checkExtraHeaders(headers);
}
