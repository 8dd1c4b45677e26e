// Maps a download to the record the persisted queue keeps of it, and back on the next start.
import { pathsFor, type DownloadPaths } from '../storage/part-file';
import type { StoredDownload } from '../queue-store';
import type { DownloadStatus, ErrorInfo, IntegrityResult } from '../../../src-shared/download-types';
import type { DownloadJob } from './download-job';
import { validRecordedProgress, type RecordedProgress } from './recorded-progress';
import path from 'node:path';

/** What a download restored from the persisted queue starts with. */
export interface RestoredState {
  status: DownloadStatus;
  error?: ErrorInfo;
  filePath?: string;
  completedAt?: number;
  integrity?: IntegrityResult[];
  known?: { paths: DownloadPaths; fileName: string };
  progress?: RecordedProgress;
}

export function storedDownloadOf(job: DownloadJob, now: number): StoredDownload {
  const stored: StoredDownload = {
    id: job.id,
    options: job.options,
    directory: job.directory,
    createdAt: job.createdAt,
    status: job.status,
  };
  const storage = job.storage;
  if (storage) {
    stored.fileName = storage.fileName;
    stored.finalPath = storage.paths.finalPath;
  }
  if (job.filePath) stored.filePath = job.filePath;
  if (job.completedAt !== undefined) stored.completedAt = job.completedAt;
  if (job.error) stored.error = job.error;
  if (job.integrity.length > 0) stored.integrity = job.integrity;
  const progress = job.progress(now);
  if (progress) stored.progress = progress;
  return stored;
}

/** What a download restored from the queue starts with. */
export function restoredStateOf(stored: StoredDownload): RestoredState {
  const state: RestoredState = { status: stored.status };
  if (stored.error) state.error = stored.error;
  if (stored.filePath) state.filePath = stored.filePath;
  if (stored.completedAt !== undefined) state.completedAt = stored.completedAt;
  if (stored.integrity) state.integrity = stored.integrity;
  const progress = validRecordedProgress(stored.progress);
  if (progress) state.progress = progress;
  if (stored.fileName && stored.finalPath) {
    const known = pathsFor(path.dirname(stored.finalPath), path.basename(stored.finalPath));
    state.known = { paths: known, fileName: stored.fileName };
  }
  return state;
}
