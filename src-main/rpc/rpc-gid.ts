// aria2 names a download by a GID of 16 hex digits. Ours is derived from the engine's download id, so
// it is the same after a restart without storing a second identity.
import { createHash } from 'node:crypto';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { RpcError } from './rpc-errors';

const GID = /^[0-9a-f]{16}$/;

export function gidOf(downloadId: string): string {
  return createHash('sha256').update(downloadId).digest('hex').slice(0, 16);
}

/** Finds the download a GID names, with aria2's messages for a malformed or unknown GID. */
export function findByGid(downloads: readonly DownloadSnapshot[], gid: unknown): DownloadSnapshot {
  if (typeof gid !== 'string' || !GID.test(gid.toLowerCase())) {
    throw new RpcError('RPC_INVALID_PARAMS', `Invalid GID ${String(gid).slice(0, 64)}`);
  }
  const wanted = gid.toLowerCase();
  const found = downloads.find((download) => gidOf(download.id) === wanted);
  if (!found) throw new RpcError('RPC_NOT_FOUND', `GID ${wanted} is not found`);
  return found;
}
