// Pure merges of engine snapshots into the store's maps. Rows that did not change keep their
// object identity, so React rows selecting them by id do not re-render.
import type { DownloadProgress, DownloadSnapshot } from '../../src-shared/download-types';
import { applyProgress } from '../../src-shared/progress-delta';

/** Samples of each download's speed kept for the graph: 2 minutes at the engine's 250 ms tick. */
export const SPEED_HISTORY_SAMPLES = 480;

export type DownloadMap = Readonly<Record<string, DownloadSnapshot>>;
export type SpeedHistory = Readonly<Record<string, readonly number[]>>;

export interface Rows {
  downloads: DownloadMap;
  order: readonly string[];
}

/** Replaces the snapshots in `incoming`, appending ids the store has not seen yet. */
export function mergeSnapshots(rows: Rows, incoming: readonly DownloadSnapshot[]): Rows {
  if (incoming.length === 0) return rows;
  const downloads: Record<string, DownloadSnapshot> = { ...rows.downloads };
  const added: string[] = [];
  for (const snapshot of incoming) {
    if (downloads[snapshot.id] === undefined && !rows.order.includes(snapshot.id)) added.push(snapshot.id);
    downloads[snapshot.id] = snapshot;
  }
  return { downloads, order: added.length === 0 ? rows.order : [...rows.order, ...added] };
}

/**
 * Merges progress deltas into the kept snapshots. A delta for a download the store does not hold yet
 * (its status event or list is still on the way) is dropped: that full state will bring it.
 */
export function mergeProgress(rows: Rows, incoming: readonly DownloadProgress[]): Rows {
  const updated: DownloadSnapshot[] = [];
  for (const delta of incoming) {
    const previous = rows.downloads[delta.id];
    if (previous) updated.push(applyProgress(previous, delta));
  }
  return mergeSnapshots(rows, updated);
}

export function appendSpeeds(
  history: SpeedHistory,
  incoming: readonly Pick<DownloadSnapshot, 'id' | 'speedBps'>[],
): SpeedHistory {
  if (incoming.length === 0) return history;
  const next: Record<string, readonly number[]> = { ...history };
  for (const snapshot of incoming) {
    const previous = next[snapshot.id] ?? [];
    const samples =
      previous.length >= SPEED_HISTORY_SAMPLES
        ? previous.slice(previous.length - SPEED_HISTORY_SAMPLES + 1)
        : previous;
    next[snapshot.id] = [...samples, snapshot.speedBps];
  }
  return next;
}

export function removeRows(rows: Rows, ids: readonly string[]): Rows {
  const gone = new Set(ids.filter((id) => rows.downloads[id] !== undefined || rows.order.includes(id)));
  if (gone.size === 0) return rows;
  const downloads: Record<string, DownloadSnapshot> = {};
  for (const [id, snapshot] of Object.entries(rows.downloads)) if (!gone.has(id)) downloads[id] = snapshot;
  return { downloads, order: rows.order.filter((id) => !gone.has(id)) };
}

export function moveRow(order: readonly string[], id: string, toIndex: number): readonly string[] {
  const from = order.indexOf(id);
  const to = Math.max(0, Math.min(order.length - 1, toIndex));
  if (from === -1 || from === to) return order;
  const next = order.filter((x) => x !== id);
  next.splice(to, 0, id);
  return next;
}

/** A full list from the engine; rows equal to what the store holds keep their identity. */
export function replaceRows(rows: Rows, list: readonly DownloadSnapshot[]): Rows {
  const downloads: Record<string, DownloadSnapshot> = {};
  for (const snapshot of list) {
    const previous = rows.downloads[snapshot.id];
    downloads[snapshot.id] =
      previous !== undefined && JSON.stringify(previous) === JSON.stringify(snapshot) ? previous : snapshot;
  }
  const order = list.map((snapshot) => snapshot.id);
  const sameOrder = order.length === rows.order.length && order.every((id, i) => rows.order[i] === id);
  return { downloads, order: sameOrder ? rows.order : order };
}
