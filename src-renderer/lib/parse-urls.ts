// Turns pasted or dropped text into the http(s) URLs to add and the entries to refuse.

export interface ParsedUrls {
  urls: string[];
  /** Entries that are not http(s) URLs, as the user wrote them (one line each). */
  refused: string[];
}

/**
 * One entry per line; a line splits on whitespace only when every piece is a link with its own
 * http(s):// scheme, so prose ("not a url") and links with spaces (`https://exa mple.com/a b.zip`)
 * stay one entry instead of turning into junk. `text/uri-list` comment lines ('#') are skipped.
 */
export function parseUrls(text: string): ParsedUrls {
  const urls: string[] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  const take = (url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    urls.push(url);
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const pieces = trimmed.split(/\s+/);
    const pieceUrls = pieces.length > 1 ? pieces.map(withScheme) : [];
    if (pieceUrls.length > 0 && pieceUrls.every((url) => url !== null)) {
      for (const url of pieceUrls) if (url !== null) take(url);
      continue;
    }
    const url = toHttpUrl(trimmed);
    if (url !== null) take(url);
    else if (!refused.includes(trimmed)) refused.push(trimmed);
  }
  return { urls, refused };
}

function httpHref(text: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  return parsed.href;
}

/** A link written with its http:// or https:// scheme. */
function withScheme(entry: string): string | null {
  return /^https?:\/\//i.test(entry) ? httpHref(entry) : null;
}

// A host name with a dot and a top-level domain (or an IPv4 address), an optional port, then a path:
// `example.com/file.zip`. Without the path, "notes.txt" would pass as a host.
const SCHEMELESS = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|[0-9]{1,3})(?::\d{1,5})?\/\S*$/i;

/** A link, accepting `example.com/file.zip` as https. */
function toHttpUrl(entry: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry) && !SCHEMELESS.test(entry)) return httpHref(entry);
  return SCHEMELESS.test(entry) ? httpHref(`https://${entry}`) : null;
}

/** Reads links from a drop: `text/uri-list` first (browsers), then `text/plain` (text editors). */
export function parseDroppedData(getData: (format: string) => string): ParsedUrls {
  const uriList = getData('text/uri-list');
  if (uriList.trim() !== '') return parseUrls(uriList);
  return parseUrls(getData('text/plain'));
}
