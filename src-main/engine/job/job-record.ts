// Maps a download to the record the persisted queue keeps of it, and back on the next start.
import { RUNNING_STATUSES, type DownloadJob } from './download-job';
import type { StoredDownload } from './queue-store';

export function storedDownloadOf(job: DownloadJob): StoredDownload {
  const stored: StoredDownload = {
    id: job.id,
    options: job.options,
    directory: job.directory,
    createdAt: job.createdAt,
    status: job.status,
  };
  if (job.storage) {
    stored.fileName = job.storage.fileName;
    stored.finalPath = job.storage.paths.finalPath;
  }
  if (job.filePath) stored.filePath = job.filePath;
  if (job.completedAt !== undefined) stored.completedAt = job.completedAt;
  if (job.error) stored.error = job.error;
  if (job.integrity.length > 0) stored.integrity = job.integrity;
  return stored;
}

/** A download that was running when the app stopped continues: it is queued again. */
export function applyStoredDownload(job: DownloadJob, stored: StoredDownload): void {
  job.status = RUNNING_STATUSES.has(stored.status) ? 'queued' : stored.status;
  if (stored.error) job.error = stored.error;
  if (stored.filePath) job.filePath = stored.filePath;
  if (stored.completedAt !== undefined) job.completedAt = stored.completedAt;
  if (stored.integrity) job.integrity = stored.integrity;
}
