import type { ParsedUrls } from './parse-urls';

const MAX_LISTED = 3;

export const NO_LINK_MESSAGE = 'No link found in the pasted text.';

/** Names what was refused, so the user sees which entries were not links. */
export function refusedMessage(refused: readonly string[]): string {
  const listed = refused
    .slice(0, MAX_LISTED)
    .map((entry) => `"${entry.length > 80 ? `${entry.slice(0, 77)}…` : entry}"`);
  const more = refused.length > MAX_LISTED ? ` and ${refused.length - MAX_LISTED} more` : '';
  return `Not added: ${listed.join(', ')}${more}. Only http:// and https:// links can be downloaded.`;
}

/**
 * What to tell the user about text that was pasted or dropped, or null when every entry was a link.
 * Text without anything that looks like a link gets one plain sentence instead of a list of words.
 */
export function intakeMessage({ urls, refused }: ParsedUrls): string | null {
  if (refused.length === 0) return urls.length === 0 ? NO_LINK_MESSAGE : null;
  const looksLikeLink = refused.some((entry) => /^[a-z][a-z0-9+.-]*:\/\//i.test(entry));
  if (urls.length === 0 && !looksLikeLink) return NO_LINK_MESSAGE;
  return refusedMessage(refused);
}
