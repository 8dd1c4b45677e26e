// A download's statuses and the moves between them, as data: `DownloadJob` is the only code that
// changes a status and it may only make the moves listed here. Tests enumerate both tables.
import type { DownloadStatus, ErrorCode } from '../../../src-shared/download-types';

export const ALL_STATUSES: readonly DownloadStatus[] = [
  'queued',
  'probing',
  'downloading',
  'paused',
  'verifying',
  'completed',
  'failed',
  'cancelled',
];

/** Every allowed move from each status. */
export const TRANSITIONS: Readonly<Record<DownloadStatus, readonly DownloadStatus[]>> = {
  // Started by the queue, paused or cancelled before it started.
  queued: ['probing', 'paused', 'cancelled'],
  // The server answered; or a stop, a failure, a full disk/unusable folder (paused), a quit (queued).
  probing: ['downloading', 'paused', 'failed', 'cancelled', 'queued'],
  downloading: ['verifying', 'paused', 'failed', 'cancelled', 'queued'],
  // A checksum mismatch starts one new run from the first byte (probing).
  verifying: ['completed', 'probing', 'paused', 'failed', 'cancelled', 'queued'],
  paused: ['queued', 'cancelled'],
  // A re-check of the bytes on disk against corrected checksums (verifying).
  failed: ['queued', 'cancelled', 'verifying'],
  cancelled: ['queued'],
  completed: [],
};

export type JobCommand = 'start' | 'pause' | 'resume' | 'cancel' | 'retry' | 'refresh-url' | 'recheck';

/** The statuses in which each command does something; in any other status it is ignored. */
export const COMMANDS: Readonly<Record<JobCommand, readonly DownloadStatus[]>> = {
  start: ['queued'],
  pause: ['queued', 'probing', 'downloading'],
  resume: ['paused'],
  cancel: ['queued', 'probing', 'downloading', 'verifying', 'paused', 'failed'],
  retry: ['paused', 'failed', 'cancelled'],
  'refresh-url': ['paused', 'failed'],
  recheck: ['failed'],
};

/** A download in one of these states holds connections and counts toward the concurrency limit. */
export const RUNNING_STATUSES: ReadonlySet<DownloadStatus> = new Set(['probing', 'downloading', 'verifying']);

export function canMove(from: DownloadStatus, to: DownloadStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function accepts(command: JobCommand, status: DownloadStatus): boolean {
  return COMMANDS[command].includes(status);
}

/** Failures the user fixes on their side (space, the folder): the download waits paused, not failed. */
const PAUSING_FAILURES: ReadonlySet<ErrorCode> = new Set(['DISK_FULL', 'NOT_ENOUGH_SPACE', 'FILE_SYSTEM']);

export function statusAfterFailure(code: ErrorCode): 'paused' | 'failed' {
  return PAUSING_FAILURES.has(code) ? 'paused' : 'failed';
}
