// Headers typed as `Name: value` lines, as `curl -H`, `aria2c --header` and the add form take them.
import { checkRequestHeaders, isEngineOwnedHeader, type HeadersCheck } from './request-headers';

export type LineCheck = { ok: true; value: [string, string] } | { ok: false; message: string };

/** Reads one `Name: value` line; a header the engine sets itself is refused with the reason. */
export function parseHeaderLine(line: string): LineCheck {
  const colon = line.indexOf(':');
  if (colon <= 0) return { ok: false, message: `"${line.slice(0, 40)}" is not a header: write Name: value` };
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  const checked = checkRequestHeaders({ [name]: value });
  if (!checked.ok) return checked;
  if (isEngineOwnedHeader(name)) {
    return { ok: false, message: `the downloader sets ${name} itself on every request; remove that line` };
  }
  return { ok: true, value: [name, value] };
}

/** Two values of one header: cookies join with `; `, others with `, ` (RFC 9110 list syntax). */
function join(name: string, first: string, second: string): string {
  return `${first}${name.toLowerCase() === 'cookie' ? '; ' : ', '}${second}`;
}

/** Reads `Name: value` lines (blank ones ignored) into the headers a download carries. */
export function parseHeaderLines(lines: readonly string[]): HeadersCheck {
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
  return checkRequestHeaders(headers);
}
