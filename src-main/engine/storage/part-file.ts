// The part file: one sparse file written at offsets by the workers, renamed into place only when
// complete. Symbolic links at either path are never followed, and nothing is ever overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { DownloadError } from '../errors';
import { alternativeFileName } from '../naming/sanitize-file-name';
import { bounded } from './bounded-fs';
import { fileSystemError } from './fs-errors';
import { isLockedHere, lockName, type NameLock } from './name-lock';

const { O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
const MAX_NAME_ATTEMPTS = 10_000;

export interface DownloadPaths {
  finalPath: string;
  partPath: string;
  journalPath: string;
}

export function pathsFor(directory: string, fileName: string): DownloadPaths {
  const finalPath = path.join(directory, fileName);
  return { finalPath, partPath: `${finalPath}.part`, journalPath: `${finalPath}.part.json` };
}

export async function ensureDirectory(directory: string): Promise<void> {
  try {
    await bounded(fs.promises.mkdir(directory, { recursive: true }));
    const stat = await bounded(fs.promises.stat(directory));
    if (!stat.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    await bounded(fs.promises.access(directory, fs.constants.W_OK));
  } catch (err) {
    throw fileSystemError(err, directory, 'use the download folder');
  }
}

/** A raw descriptor (not a FileHandle, which closes itself on GC) shared with the worker threads. */
function openRaw(file: string, flags: number): Promise<number> {
  return bounded(
    new Promise((resolve, reject) =>
      fs.open(file, flags, 0o644, (err, fd) => (err ? reject(err) : resolve(fd))),
    ),
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await bounded(fs.promises.lstat(file));
    return true;
  } catch {
    return false;
  }
}

/**
 * The entries of `directory` a moment ago: names seen there are skipped without touching the disk,
 * which keeps a folder of thousands of same-named downloads fast. Only a hint: the lock and O_EXCL
 * still decide. Empty when the folder cannot be listed.
 */
export async function namesIn(directory: string): Promise<ReadonlySet<string>> {
  return new Set(await bounded(fs.promises.readdir(directory)).catch(() => []));
}

/**
 * Reserves a new part file for `fileName` in `directory`, numbering the name (`name (1).ext`) past
 * every name another run holds and every existing final file, part file or journal. The name lock
 * comes first, so no two downloads ever write one part file; O_EXCL makes the part file itself new.
 */
export async function createPartFile(
  directory: string,
  fileName: string,
  totalBytes: number | undefined,
  listed: ReadonlySet<string> = new Set(),
): Promise<{ paths: DownloadPaths; fd: number; fileName: string; lock: NameLock }> {
  for (let n = 0; n < MAX_NAME_ATTEMPTS; n++) {
    const candidate = alternativeFileName(fileName, n);
    if (isTaken(candidate, listed)) continue;
    const paths = pathsFor(directory, candidate);
    // Checked again under the lock; a name finished since the listing costs one look, not a lock.
    if (isLockedHere(paths.partPath) || (await inUse(paths))) continue;
    const lock = await lockName(paths.partPath);
    if (!lock) continue;
    const fd = await reserve(paths, lock).catch(async (err: unknown) => {
      await lock.release();
      throw err;
    });
    if (fd === undefined) {
      await lock.release();
      continue;
    }
    try {
      if (totalBytes !== undefined && totalBytes > 0) await truncateFile(fd, totalBytes, paths.partPath);
    } catch (err) {
      await closeFile(fd);
      await lock.release();
      throw err;
    }
    return { paths, fd, fileName: candidate, lock };
  }
  throw new DownloadError('FILE_SYSTEM', `no free file name for ${fileName} in ${directory}`);
}

async function inUse(paths: DownloadPaths): Promise<boolean> {
  return (await exists(paths.finalPath)) || (await exists(paths.journalPath));
}

/**
 * What `reserve` would refuse, as the listing shows it: a final file, a journal, or a part file that
 * no lock claims (the user's own). A part file beside a lock may be a dead run's and is tried.
 */
function isTaken(candidate: string, listed: ReadonlySet<string>): boolean {
  if (listed.has(candidate) || listed.has(`${candidate}.part.json`)) return true;
  return listed.has(`${candidate}.part`) && !listed.has(`${candidate}.part.lock`);
}

/** Creates the part file under a held lock; undefined when the name is in use on disk. */
async function reserve(paths: DownloadPaths, lock: NameLock): Promise<number | undefined> {
  if (await inUse(paths)) return undefined;
  if (lock.tookOver) await reclaimOrphanPart(paths.partPath);
  try {
    return await openRaw(paths.partPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW);
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') return undefined;
    throw fileSystemError(err, paths.partPath, 'create');
  }
}

/**
 * A part file without a journal whose blocks were never written, beside the lock of a process that
 * died, is what a run killed between reserving the name and writing its first journal leaves
 * behind: the name is taken over instead of numbering around it. Without such a lock the part file
 * is the user's own and is never touched; neither is one holding data.
 */
async function reclaimOrphanPart(partPath: string): Promise<void> {
  const stat = await fs.promises.lstat(partPath).catch(() => undefined);
  if (stat?.isFile() && stat.blocks === 0) await fs.promises.rm(partPath, { force: true });
}

/** Opens an existing part file for resuming; refuses links and anything but a regular file. */
export async function openPartFile(partPath: string): Promise<{ fd: number; size: number }> {
  let fd: number;
  try {
    fd = await openRaw(partPath, O_RDWR | O_NOFOLLOW);
  } catch (err) {
    throw fileSystemError(err, partPath, 'open');
  }
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new DownloadError('FILE_SYSTEM', `${partPath} is not a regular file`);
  }
  return { fd, size: stat.size };
}

export function truncateFile(fd: number, size: number, file: string): Promise<void> {
  return new Promise((resolve, reject) =>
    fs.ftruncate(fd, size, (err) => (err ? reject(fileSystemError(err, file, 'allocate')) : resolve())),
  );
}

export function syncData(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}

export function closeFile(fd: number): Promise<void> {
  return new Promise((resolve) => fs.close(fd, () => resolve()));
}

/**
 * Moves the finished part file to its final name without ever replacing an existing file: a hard
 * link fails on any existing entry (symbolic links included), then the part name is removed. When
 * the name was taken meanwhile, the next free `name (n).ext` is used. Returns the final path.
 */
export async function finalizePartFile(paths: DownloadPaths, fileName: string): Promise<string> {
  const directory = path.dirname(paths.finalPath);
  for (let n = 0; n < MAX_NAME_ATTEMPTS; n++) {
    const target = path.join(directory, alternativeFileName(fileName, n));
    try {
      await bounded(fs.promises.link(paths.partPath, target));
      await bounded(fs.promises.unlink(paths.partPath));
      return target;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'EEXIST') continue;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
        // File systems without hard links: a checked rename is the best available.
        if (await exists(target)) continue;
        await fs.promises.rename(paths.partPath, target).catch((e) => {
          throw fileSystemError(e, target, 'rename to');
        });
        return target;
      }
      throw fileSystemError(err, target, 'create');
    }
  }
  throw new DownloadError('FILE_SYSTEM', `no free file name for ${fileName} in ${directory}`);
}
