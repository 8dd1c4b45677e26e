// How a download looks to an aria2 client: status names, the tellStatus struct with every number as a
// decimal string, and URIs with their credentials masked. Pure.
import { join } from 'node:path';
import type { DownloadSnapshot, DownloadStatus, ErrorInfo } from '../../src-shared/download-types';
import { gidOf } from './rpc-gid';

export type Aria2Status = 'active' | 'waiting' | 'paused' | 'error' | 'complete' | 'removed';

const STATUS: Readonly<Record<DownloadStatus, Aria2Status>> = {
  queued: 'waiting',
  probing: 'active',
  downloading: 'active',
  verifying: 'active',
  paused: 'paused',
  completed: 'complete',
  failed: 'error',
  cancelled: 'removed',
};

/** aria2's piece size: clients draw progress from `numPieces` and `pieceLength`. */
const PIECE_LENGTH = 1024 * 1024;

export function aria2StatusOf(status: DownloadStatus): Aria2Status {
  return STATUS[status];
}

export const isActive = (d: DownloadSnapshot): boolean => aria2StatusOf(d.status) === 'active';
export const isWaiting = (d: DownloadSnapshot): boolean =>
  ['waiting', 'paused'].includes(aria2StatusOf(d.status));
export const isStopped = (d: DownloadSnapshot): boolean => !isActive(d) && !isWaiting(d);

/** aria2's exit-status numbers, which clients show as the reason of an error. */
function aria2ErrorCode(error: ErrorInfo): string {
  switch (error.code) {
    case 'TIMEOUT':
      return '2';
    case 'HTTP_STATUS':
      if (error.status === 404) return '3';
      if (error.status === 401 || error.status === 403) return '24';
      return '22';
    case 'NETWORK':
      return '6';
    case 'PROTOCOL_ERROR':
      return '22';
    case 'RANGE_UNSUPPORTED':
    case 'REMOTE_CHANGED':
      return '8';
    case 'DISK_FULL':
    case 'NOT_ENOUGH_SPACE':
      return '9';
    case 'FILE_SYSTEM':
    case 'NAME_TOO_LONG':
      return '16';
    case 'INTEGRITY_MISMATCH':
      return '32';
    case 'ABORTED':
      return '7';
    default:
      return '1';
  }
}

/** Shows a URI without its user name and password; they are a secret the client already has. */
export function maskUri(uri: string): string {
  try {
    const url = new URL(uri);
    if (!url.username && !url.password) return uri;
    url.username = '***';
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return uri;
  }
}

export function urisOf(download: DownloadSnapshot): { uri: string; status: 'used' | 'waiting' }[] {
  return [{ uri: maskUri(download.url), status: isActive(download) ? 'used' : 'waiting' }];
}

export function filesOf(download: DownloadSnapshot): Record<string, unknown>[] {
  const path = download.filePath ?? (download.fileName ? join(download.directory, download.fileName) : '');
  return [
    {
      index: '1',
      path,
      length: String(download.totalBytes ?? 0),
      completedLength: String(download.downloadedBytes),
      selected: 'true',
      uris: urisOf(download),
    },
  ];
}

/** The full tellStatus struct, like aria2 1.37 for an HTTP download. */
export function statusStruct(download: DownloadSnapshot): Record<string, unknown> {
  const total = download.totalBytes ?? 0;
  const status = aria2StatusOf(download.status);
  const struct: Record<string, unknown> = {
    gid: gidOf(download.id),
    status,
    totalLength: String(total),
    completedLength: String(download.downloadedBytes),
    uploadLength: '0',
    downloadSpeed: String(Math.round(download.speedBps)),
    uploadSpeed: '0',
    pieceLength: String(PIECE_LENGTH),
    numPieces: String(Math.ceil(total / PIECE_LENGTH)),
    connections: String(download.connections),
    dir: download.directory,
    files: filesOf(download),
  };
  if (isStopped(download)) {
    struct.errorCode = download.error ? aria2ErrorCode(download.error) : '0';
    struct.errorMessage = download.error?.message ?? '';
  }
  if (status === 'active' && download.status === 'verifying') struct.verifiedLength = String(total);
  return struct;
}

/** tellStatus's optional key filter: only the asked keys, unknown keys ignored as aria2 does. */
export function pickKeys(struct: Record<string, unknown>, keys: readonly string[] | undefined) {
  if (!keys || keys.length === 0) return struct;
  return Object.fromEntries(Object.entries(struct).filter(([key]) => keys.includes(key)));
}
