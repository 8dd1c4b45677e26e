// Adding what is already there: the same URL queued for the same folder, or a finished file on disk.
// Both are refused with a DUPLICATE that names the existing download or file, unless the caller asks
// for another copy.
import fs from 'node:fs';
import type { AddDownloadOptions, DownloadStatus } from '../../src-shared/download-types';
import { DownloadError } from './errors';
import { chooseFileName } from './naming/sanitize-file-name';
import { pathsFor } from './storage/part-file';

export interface QueuedDownload {
  readonly id: string;
  readonly options: AddDownloadOptions;
  readonly directory: string;
  readonly status: DownloadStatus;
  readonly filePath?: string;
  readonly storage?: { fileName: string } | undefined;
}

function fileExists(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/** A different name asked for is a new download; no name asked for matches any. */
function sameName(existing: QueuedDownload, fileName: string | undefined): boolean {
  if (fileName === undefined) return true;
  return fileName === (existing.storage?.fileName ?? existing.options.fileName);
}

/** The download of `url` into `directory` already queued or finished; a removed file does not count. */
export function findQueuedDuplicate(
  queue: Iterable<QueuedDownload>,
  options: AddDownloadOptions,
  directory: string,
): DownloadError | undefined {
  for (const existing of queue) {
    if (existing.options.url !== options.url || existing.directory !== directory) continue;
    // A cancelled or failed download left no file: adding it again is the user trying again.
    if (existing.status === 'cancelled' || existing.status === 'failed') continue;
    if (!sameName(existing, options.fileName)) continue;
    if (existing.status !== 'completed') {
      return new DownloadError('DUPLICATE', `${options.url} is already in the queue`, {
        duplicate: { id: existing.id },
      });
    }
    if (existing.filePath && fileExists(existing.filePath)) {
      return new DownloadError('DUPLICATE', `already downloaded: ${existing.filePath}`, {
        duplicate: { id: existing.id, filePath: existing.filePath },
      });
    }
  }
  return undefined;
}

/**
 * Where a finished download of `url` would be, when a file is there and no unfinished run of it is
 * (its journal). Predicted from the URL or the name asked for: a name the server gives only in
 * Content-Disposition is not known before the request.
 */
export function downloadedFileOf(url: string, directory: string, fileName?: string): string | undefined {
  const name = chooseFileName({ finalUrl: url, ...(fileName ? { userFileName: fileName } : {}) });
  const paths = pathsFor(directory, name);
  if (!fileExists(paths.finalPath) || fs.existsSync(paths.journalPath)) return undefined;
  return paths.finalPath;
}
