// What the details panel derives from a download: which fix to offer, and how to read the retry log.
import type { DownloadSnapshot, ErrorCode } from '../../src-shared/download-types';

export type DetailsFix = 'checksum' | 'new-link' | null;

// A new link cannot help with these: the disk, the folder or the input is what needs fixing.
const NOT_FIXED_BY_A_LINK: ReadonlySet<ErrorCode> = new Set([
  'DISK_FULL',
  'NOT_ENOUGH_SPACE',
  'FILE_TOO_LARGE',
  'FILE_SYSTEM',
  'NAME_TOO_LONG',
  'INVALID_INPUT',
  'INTEGRITY_MISMATCH',
  'JOURNAL_INVALID',
  'INTERNAL',
]);

/** The form the details offer: a corrected checksum for a mismatch, a fresh link for a dead one. */
export function fixFor(download: DownloadSnapshot): DetailsFix {
  if (download.error?.code === 'INTEGRITY_MISMATCH' && download.status === 'failed') return 'checksum';
  if (download.status !== 'paused' && download.status !== 'failed') return null;
  if (download.error !== undefined && NOT_FIXED_BY_A_LINK.has(download.error.code)) return null;
  return 'new-link';
}

/** What the empty retry log says: "every attempt succeeded" is false once the download has an error. */
export function emptyRetryLogText(download: DownloadSnapshot): string {
  if (download.error === undefined) return 'No retries: every attempt so far has succeeded.';
  return download.error.retryable
    ? 'No retries yet: the download stopped before trying again.'
    : 'Not retried: trying again would not help with this error.';
}

/** Only a completed download has a file at its final path; before that it is a folder and a name. */
export function savedFilePath(download: DownloadSnapshot): string | null {
  return download.status === 'completed' && download.filePath !== undefined ? download.filePath : null;
}
