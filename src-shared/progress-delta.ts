// Progress as deltas: the engine sends, per download, only the chunks changed and the retry records
// appended since its previous batch; clients merge them into the full snapshot they keep. Both
// directions live here so they cannot drift apart.
import {
  isChunkRetry,
  MAX_RETRY_RECORDS,
  type ChunkSnapshot,
  type DownloadProgress,
  type DownloadSnapshot,
  type RetryRecord,
} from './download-types';

/** What a client already holds of one download: the sender compares against it. */
export interface SentState {
  chunks: ReadonlyMap<number, ChunkSnapshot>;
  /** The newest retry record sent; later ones are new. */
  lastRetry?: RetryRecord;
}

export function sentStateOf(snapshot: DownloadSnapshot): SentState {
  return {
    chunks: new Map(snapshot.chunks.map((chunk) => [chunk.id, chunk])),
    ...(snapshot.retries.length > 0 ? { lastRetry: snapshot.retries[snapshot.retries.length - 1] } : {}),
  };
}

function sameError(a: ChunkSnapshot['lastError'], b: ChunkSnapshot['lastError']): boolean {
  return a === b || (a?.code === b?.code && a?.message === b?.message && a?.status === b?.status);
}

export function sameChunk(a: ChunkSnapshot, b: ChunkSnapshot): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.written === b.written &&
    a.status === b.status &&
    a.speedBps === b.speedBps &&
    a.attempts === b.attempts &&
    a.nextAttemptAt === b.nextAttemptAt &&
    sameError(a.lastError, b.lastError)
  );
}

/** The change from what was sent (`sent`, absent = nothing) to `snapshot`. */
export function progressDelta(snapshot: DownloadSnapshot, sent: SentState | undefined): DownloadProgress {
  const { chunks, retries, ...scalars } = snapshot;
  const changedChunks = chunks.filter((chunk) => {
    const before = sent?.chunks.get(chunk.id);
    return before === undefined || !sameChunk(before, chunk);
  });
  const ids = new Set(chunks.map((chunk) => chunk.id));
  const removedChunkIds = sent ? [...sent.chunks.keys()].filter((id) => !ids.has(id)) : [];
  // Records are appended in order; one no longer kept means everything kept is new to the client.
  const from = sent?.lastRetry ? retries.lastIndexOf(sent.lastRetry) + 1 : 0;
  return { ...scalars, changedChunks, removedChunkIds, newRetries: retries.slice(from) };
}

function sameRetry(a: RetryRecord, b: RetryRecord): boolean {
  if (a.at !== b.at || a.error.code !== b.error.code) return false;
  if (!isChunkRetry(a) || !isChunkRetry(b)) return a.kind === b.kind;
  return a.chunkId === b.chunkId && a.attempt === b.attempt;
}

/**
 * Merges a delta into the snapshot a client keeps. Unchanged chunks and an unchanged retry list keep
 * their identity. Records the client already has (a list fetched between two batches) are skipped.
 */
export function applyProgress(previous: DownloadSnapshot, delta: DownloadProgress): DownloadSnapshot {
  const { changedChunks, removedChunkIds, newRetries, ...scalars } = delta;
  let chunks = previous.chunks;
  if (changedChunks.length > 0 || removedChunkIds.length > 0) {
    const removed = new Set(removedChunkIds);
    const byId = new Map(previous.chunks.filter((c) => !removed.has(c.id)).map((c) => [c.id, c]));
    for (const chunk of changedChunks) byId.set(chunk.id, chunk);
    chunks = [...byId.values()].sort((a, b) => a.start - b.start);
  }
  const tail = previous.retries.slice(-newRetries.length);
  const fresh = newRetries.filter((record) => !tail.some((kept) => sameRetry(kept, record)));
  const retries =
    fresh.length === 0 ? previous.retries : [...previous.retries, ...fresh].slice(-MAX_RETRY_RECORDS);
  return { ...scalars, chunks, retries };
}
