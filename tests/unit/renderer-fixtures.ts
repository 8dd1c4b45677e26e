// Snapshot builders for the renderer unit tests.
import type { ChunkSnapshot, DownloadProgress, DownloadSnapshot } from '../../src-shared/download-types';
import { progressDelta } from '../../src-shared/progress-delta';

export function chunk(id: number, start: number, end: number, written: number): ChunkSnapshot {
  return {
    id,
    start,
    end,
    written,
    status: written > end - start ? 'done' : 'active',
    speedBps: 1000,
    attempts: 1,
  };
}

export function download(id: string, overrides: Partial<DownloadSnapshot> = {}): DownloadSnapshot {
  return {
    id,
    url: `http://127.0.0.1:9/${id}.bin`,
    directory: '/tmp/downloads',
    status: 'downloading',
    totalBytes: 1000,
    downloadedBytes: 0,
    speedBps: 0,
    connections: 2,
    chunks: [chunk(0, 0, 499, 0), chunk(1, 500, 999, 0)],
    retries: [],
    integrity: [],
    createdAt: 1,
    ...overrides,
  };
}

/** A progress delta carrying the whole of `download(id, overrides)`, as a first batch would. */
export function progress(id: string, overrides: Partial<DownloadSnapshot> = {}): DownloadProgress {
  return progressDelta(download(id, overrides), undefined);
}
