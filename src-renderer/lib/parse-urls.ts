// Turns pasted or dropped text into the http(s) URLs to add and the entries to refuse.

export interface ParsedUrls {
  urls: string[];
  /** Entries that are not http(s) URLs, as the user wrote them. */
  refused: string[];
}

/** Splits on whitespace; `text/uri-list` comment lines (starting with '#') are skipped. */
export function parseUrls(text: string): ParsedUrls {
  const urls: string[] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    for (const entry of trimmed.split(/\s+/)) {
      const url = toHttpUrl(entry);
      if (url === null) {
        if (!refused.includes(entry)) refused.push(entry);
      } else if (!seen.has(url)) {
        seen.add(url);
        urls.push(url);
      }
    }
  }
  return { urls, refused };
}

function toHttpUrl(entry: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(entry);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  return parsed.href;
}

/** Reads links from a drop: `text/uri-list` first (browsers), then `text/plain` (text editors). */
export function parseDroppedData(getData: (format: string) => string): ParsedUrls {
  const uriList = getData('text/uri-list');
  if (uriList.trim() !== '') return parseUrls(uriList);
  return parseUrls(getData('text/plain'));
}
