// Words and derived facts about a download shown in several places of the UI.
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';

export const STATUS_LABEL: Record<DownloadStatus, string> = {
  queued: 'Queued',
  probing: 'Connecting',
  downloading: 'Downloading',
  paused: 'Paused',
  verifying: 'Verifying',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const ACTIVE: ReadonlySet<DownloadStatus> = new Set(['probing', 'downloading', 'verifying']);

export function isActive(status: DownloadStatus): boolean {
  return ACTIVE.has(status);
}

export function canPause(status: DownloadStatus): boolean {
  return status === 'queued' || status === 'probing' || status === 'downloading';
}

export function canResume(status: DownloadStatus): boolean {
  return status === 'paused';
}

export function canRetry(status: DownloadStatus): boolean {
  return status === 'failed' || status === 'cancelled';
}

export function canCancel(status: DownloadStatus): boolean {
  return canPause(status) || status === 'paused' || status === 'verifying';
}

export function displayName(download: DownloadSnapshot): string {
  if (download.fileName) return download.fileName;
  try {
    const path = new URL(download.finalUrl ?? download.url).pathname;
    const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return last === '' ? download.url : last;
  } catch {
    return download.url;
  }
}

export function activeConnections(download: DownloadSnapshot): number {
  let active = 0;
  for (const chunk of download.chunks) if (chunk.status === 'active') active += 1;
  return active;
}
