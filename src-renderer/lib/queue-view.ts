// Pure rules for what the queue shows: the view (All / Active / Completed / Failed), the search and
// the sort. The engine's order stays the queue order; a sort only changes what the table shows.
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';
import { displayName } from './download-labels';

export type QueueFilter = 'all' | 'active' | 'completed' | 'failed';
export type SortKey = 'name' | 'size' | 'progress' | 'status' | 'added';
export type SortDirection = 'ascending' | 'descending';

export interface QueueView {
  filter: QueueFilter;
  search: string;
  /** null: the queue order the engine runs them in. */
  sort: { key: SortKey; direction: SortDirection } | null;
}

export const DEFAULT_VIEW: QueueView = { filter: 'all', search: '', sort: null };

export const FILTERS: readonly QueueFilter[] = ['all', 'active', 'completed', 'failed'];

const FILTER_STATUSES: Record<Exclude<QueueFilter, 'all'>, ReadonlySet<DownloadStatus>> = {
  active: new Set(['queued', 'probing', 'downloading', 'verifying', 'paused']),
  completed: new Set(['completed']),
  failed: new Set(['failed', 'cancelled']),
};

/** Status order for sorting: what needs attention first, finished last. */
const STATUS_RANK: Record<DownloadStatus, number> = {
  failed: 0,
  cancelled: 1,
  downloading: 2,
  verifying: 3,
  probing: 4,
  queued: 5,
  paused: 6,
  completed: 7,
};

type DownloadMap = Readonly<Record<string, DownloadSnapshot>>;

export function inFilter(download: DownloadSnapshot, filter: QueueFilter): boolean {
  return filter === 'all' || FILTER_STATUSES[filter].has(download.status);
}

/** Case-insensitive match on the file name and the links (as given and after redirects). */
export function matchesSearch(download: DownloadSnapshot, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [displayName(download), download.url, download.finalUrl ?? ''].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

function progressOf(download: DownloadSnapshot): number {
  if (download.status === 'completed') return 1;
  const total = download.totalBytes;
  return total === undefined || total <= 0 ? 0 : download.downloadedBytes / total;
}

function compareBy(key: SortKey): (a: DownloadSnapshot, b: DownloadSnapshot) => number {
  switch (key) {
    case 'name':
      return (a, b) => displayName(a).localeCompare(displayName(b), undefined, { numeric: true });
    // Unknown sizes sort as smallest, so they gather at one end instead of being scattered.
    case 'size':
      return (a, b) => (a.totalBytes ?? -1) - (b.totalBytes ?? -1);
    case 'progress':
      return (a, b) => progressOf(a) - progressOf(b);
    case 'status':
      return (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status];
    case 'added':
      return (a, b) => a.createdAt - b.createdAt;
  }
}

/** The ids the table shows, in the order it shows them. Ties keep the queue order. */
export function visibleIds(downloads: DownloadMap, order: readonly string[], view: QueueView): string[] {
  const shown = order.filter((id) => {
    const download = downloads[id];
    return download !== undefined && inFilter(download, view.filter) && matchesSearch(download, view.search);
  });
  if (view.sort === null) return shown;
  const compare = compareBy(view.sort.key);
  const sign = view.sort.direction === 'ascending' ? 1 : -1;
  const rank = new Map(order.map((id, index) => [id, index]));
  return shown.sort(
    (a, b) => sign * compare(downloads[a], downloads[b]) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
  );
}

/** How many downloads each view holds, for the view buttons. The search does not change them. */
export function viewCounts(downloads: DownloadMap, order: readonly string[]): Record<QueueFilter, number> {
  const counts: Record<QueueFilter, number> = { all: 0, active: 0, completed: 0, failed: 0 };
  for (const id of order) {
    const download = downloads[id];
    if (download === undefined) continue;
    counts.all += 1;
    for (const filter of FILTERS) if (filter !== 'all' && inFilter(download, filter)) counts[filter] += 1;
  }
  return counts;
}

/** A header click: a new column sorts ascending, the same column flips, a third click restores queue order. */
export function nextSort(current: QueueView['sort'], key: SortKey): QueueView['sort'] {
  if (current === null || current.key !== key) return { key, direction: 'ascending' };
  return current.direction === 'ascending' ? { key, direction: 'descending' } : null;
}
