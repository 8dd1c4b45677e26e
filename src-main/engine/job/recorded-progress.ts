// What a download had reached, kept in the persisted queue so that after a restart a completed or
// paused download still shows its size, bytes done, chunk plan and average speed before (or without)
// a new run. A live run always wins over this record.
import type { ChunkSnapshot } from '../../../src-shared/download-types';
import type { ChunkScheduler } from '../plan/chunk-scheduler';
import type { RemoteFile } from '../storage/job-storage';

export interface RecordedChunk {
  start: number;
  /** Inclusive; -1 while the length is unknown (one stream to EOF). */
  end: number;
  written: number;
}

export interface RecordedProgress {
  totalBytes?: number;
  downloadedBytes: number;
  rangeSupported?: boolean;
  finalUrl?: string;
  chunks: RecordedChunk[];
  /** Time spent fetching and verifying, summed over every run (for the average speed). */
  activeMs: number;
}

/** The record of a live run: what it reached so far. */
export function recordRun(
  remote: RemoteFile,
  finalUrl: string,
  scheduler: ChunkScheduler,
  activeMs: number,
): RecordedProgress {
  const record: RecordedProgress = {
    downloadedBytes: scheduler.downloadedBytes(),
    rangeSupported: remote.rangeSupported,
    finalUrl,
    chunks: scheduler.snapshot(0).map(({ start, end, written }) => ({ start, end, written })),
    activeMs,
  };
  if (remote.totalBytes !== undefined) record.totalBytes = remote.totalBytes;
  return record;
}

/** Chunks as the UI draws them; none is active, since no run is. */
export function chunkSnapshotsOf(record: RecordedProgress): ChunkSnapshot[] {
  return record.chunks.map((chunk, id) => ({
    id,
    ...chunk,
    status: chunk.end >= 0 && chunk.written === chunk.end - chunk.start + 1 ? 'done' : 'pending',
    speedBps: 0,
    attempts: 0,
  }));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isChunk(value: unknown): value is RecordedChunk {
  const c = value as Partial<RecordedChunk> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    isCount(c.start) &&
    Number.isSafeInteger(c.end) &&
    isCount(c.written)
  );
}

/** A record read back from disk; anything that does not add up is dropped, not trusted. */
export function validRecordedProgress(value: unknown): RecordedProgress | undefined {
  const r = value as Partial<RecordedProgress> | null;
  if (typeof r !== 'object' || r === null) return undefined;
  if (!isCount(r.downloadedBytes) || !isCount(r.activeMs) || !Array.isArray(r.chunks)) return undefined;
  if (r.totalBytes !== undefined && (!isCount(r.totalBytes) || r.downloadedBytes > r.totalBytes)) {
    return undefined;
  }
  if (!r.chunks.every(isChunk)) return undefined;
  const record: RecordedProgress = {
    downloadedBytes: r.downloadedBytes,
    chunks: r.chunks.map(({ start, end, written }) => ({ start, end, written })),
    activeMs: r.activeMs,
  };
  if (r.totalBytes !== undefined) record.totalBytes = r.totalBytes;
  if (typeof r.rangeSupported === 'boolean') record.rangeSupported = r.rangeSupported;
  if (typeof r.finalUrl === 'string') record.finalUrl = r.finalUrl;
  return record;
}

/** Bytes per second over the time spent fetching; absent until something was fetched. */
export function averageSpeedOf(record: RecordedProgress | undefined): number | undefined {
  if (!record || record.activeMs <= 0 || record.downloadedBytes <= 0) return undefined;
  return Math.round((record.downloadedBytes * 1000) / record.activeMs);
}
