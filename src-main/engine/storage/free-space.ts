// How much a download may write into its folder. A known size is checked against the free space
// before the first byte (a resumed download needs only its missing bytes); a body of unknown length
// may use the free space minus a margin, so one endless stream never fills the disk to 100 %.
import fs from 'node:fs';
import { DownloadError } from '../errors';
import { bounded } from './bounded-fs';
import { fileSystemError } from './fs-errors';

const MIB = 1024 * 1024;

/** Kept free beside the part file: room for the journal, the lock and the file system's metadata. */
export const RESERVE_BYTES = MIB;

/**
 * Kept free under a body of unknown length: 1 % of the file system, at least 16 MiB (logs and
 * temporary files of other programs keep working) and at most 1 GiB (on a large disk 1 % would
 * stop downloads that fit comfortably).
 */
export const UNKNOWN_SIZE_MARGIN = { fraction: 0.01, minBytes: 16 * MIB, maxBytes: 1024 * MIB } as const;

export function unknownSizeMarginBytes(fileSystemBytes: number): number {
  const { fraction, minBytes, maxBytes } = UNKNOWN_SIZE_MARGIN;
  return Math.min(maxBytes, Math.max(minBytes, Math.round(fileSystemBytes * fraction)));
}

export interface FolderSpace {
  /** Bytes an unprivileged writer may still use. */
  availableBytes: number;
  /** The file system's size. */
  totalBytes: number;
}

/**
 * The free space of the file system holding `directory`, bounded like every folder operation;
 * undefined where the file system cannot tell (then only a real ENOSPC stops the download).
 */
export async function folderSpace(directory: string): Promise<FolderSpace | undefined> {
  try {
    const stats = await bounded(fs.promises.statfs(directory));
    if (stats.blocks === 0) return undefined;
    return { availableBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch (err) {
    if ((err as { code?: string }).code === 'ETIMEDOUT') {
      throw fileSystemError(err, directory, 'read the free space of');
    }
    return undefined;
  }
}

/** A size in an error sentence: MiB, or GiB from 1 GiB on. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * MIB ? `${(bytes / (1024 * MIB)).toFixed(1)} GiB` : `${(bytes / MIB).toFixed(1)} MiB`;
}

export function notEnoughSpace(
  directory: string,
  space: FolderSpace,
  neededBytes: number | undefined,
  keepFreeBytes: number,
): DownloadError {
  const free = sizeText(space.availableBytes);
  const message =
    neededBytes === undefined
      ? `stopped to keep ${sizeText(keepFreeBytes)} free in ${directory} (the server did not say how large the file is; ${free} free)`
      : `not enough free space in ${directory}: ${sizeText(neededBytes)} still to write (plus ${sizeText(keepFreeBytes)} kept free), ${free} free`;
  return new DownloadError('NOT_ENOUGH_SPACE', message, {
    space: {
      directory,
      ...(neededBytes === undefined ? {} : { neededBytes }),
      availableBytes: space.availableBytes,
      keepFreeBytes,
    },
  });
}

/** Bytes already allocated to the part file: rewriting them in place takes no new space. */
function allocatedBytes(fd: number | undefined): Promise<number> {
  if (fd === undefined) return Promise.resolve(0);
  return new Promise((resolve) => fs.fstat(fd, (err, stat) => resolve(err ? 0 : stat.blocks * 512)));
}

/**
 * Checks the folder before a run writes. A known size must fit, with the reserve, beside what the
 * part file (`fd`, when resuming) already holds, or NOT_ENOUGH_SPACE is thrown. For an unknown
 * length it returns how many bytes the body may take before the free space drops to the margin
 * (undefined when the file system cannot tell), and throws when there is no such room at all.
 */
export async function checkSpace(
  directory: string,
  totalBytes: number | undefined,
  fd?: number,
): Promise<number | undefined> {
  if (totalBytes === 0) return undefined;
  const space = await folderSpace(directory);
  if (!space) return undefined;
  const reusable = await allocatedBytes(fd);
  if (totalBytes === undefined) {
    const margin = unknownSizeMarginBytes(space.totalBytes);
    // The reserve comes off too, so the journal and lock never eat into the margin.
    const room = space.availableBytes + reusable - margin - RESERVE_BYTES;
    if (room <= 0) throw notEnoughSpace(directory, space, undefined, margin);
    return room;
  }
  const needed = Math.max(0, totalBytes - reusable);
  if (space.availableBytes < needed + RESERVE_BYTES) {
    throw notEnoughSpace(directory, space, needed, RESERVE_BYTES);
  }
  return undefined;
}

/** NOT_ENOUGH_SPACE for a body of unknown length, with the folder's numbers as they are now. */
export async function marginReached(directory: string): Promise<DownloadError> {
  const space = (await folderSpace(directory)) ?? { availableBytes: 0, totalBytes: 0 };
  return notEnoughSpace(directory, space, undefined, unknownSizeMarginBytes(space.totalBytes));
}

/**
 * While a body of unknown length streams in: NOT_ENOUGH_SPACE once the free space is below the
 * margin (another program or download took it), else undefined.
 */
export async function marginShortage(directory: string): Promise<DownloadError | undefined> {
  const space = await folderSpace(directory);
  if (!space) return undefined;
  const margin = unknownSizeMarginBytes(space.totalBytes);
  return space.availableBytes < margin ? notEnoughSpace(directory, space, undefined, margin) : undefined;
}
