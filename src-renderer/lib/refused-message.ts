const MAX_LISTED = 3;

/** Names what was refused, so the user sees which entries were not links. */
export function refusedMessage(refused: readonly string[]): string {
  const listed = refused
    .slice(0, MAX_LISTED)
    .map((entry) => `"${entry.length > 80 ? `${entry.slice(0, 77)}…` : entry}"`);
  const more = refused.length > MAX_LISTED ? ` and ${refused.length - MAX_LISTED} more` : '';
  return `Not added: ${listed.join(', ')}${more}. Only http:// and https:// links can be downloaded.`;
}
