// Pure: which status changes a screen reader user hears about without looking at the queue.
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { displayName } from './download-labels';

type DownloadMap = Readonly<Record<string, DownloadSnapshot>>;

/** A sentence per download that just finished or failed; the first list (page load) says nothing. */
export function statusAnnouncements(previous: DownloadMap, next: DownloadMap): string[] {
  const sentences: string[] = [];
  for (const [id, download] of Object.entries(next)) {
    const before = previous[id];
    if (before === undefined || before.status === download.status) continue;
    if (download.status === 'completed') sentences.push(`${displayName(download)} finished downloading.`);
    if (download.status === 'failed') sentences.push(`${displayName(download)} failed.`);
  }
  return sentences;
}
