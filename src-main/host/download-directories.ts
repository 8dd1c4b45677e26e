// Where downloads may be written: only folders the user chose (the desktop folder picker, a folder
// typed in Settings that passed `checkTypedFolder`, `pdl serve -d`), plus the default folder.
// A caller of the API (WebSocket, RPC) picks among these; it never names a new place to write.
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { DownloadError } from '../engine/errors';

/** Kernel interfaces, not folders: writing there does harm or hangs (issue 11.3). */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

/** The list the host keeps; `directory` is the current default download folder. */
export interface DownloadDirectorySource {
  get(): { directory: string };
  downloadDirectories(): readonly string[];
}

function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

export function isUnderSystemFolder(path: string): boolean {
  const full = resolve(path);
  return SYSTEM_ROOTS.some((root) => full === root || full.startsWith(root + sep));
}

/** Exactly one of the chosen folders (a sub-folder is not: it could be a link to anywhere). */
export function isAllowedDirectory(requested: string, source: DownloadDirectorySource): boolean {
  return (
    samePath(requested, source.get().directory) ||
    source.downloadDirectories().some((chosen) => samePath(requested, chosen))
  );
}

/**
 * The folder an API caller's download goes to: the one it asked for when the user chose that
 * folder, otherwise the default. For callers that cannot be asked (RPC); the UI gets an error instead.
 */
export function resolveDownloadDirectory(
  requested: string | undefined,
  source: DownloadDirectorySource,
): string {
  if (requested !== undefined && isAllowedDirectory(requested, source)) return resolve(requested);
  return source.get().directory;
}

export function directoryNotAllowed(requested: string): DownloadError {
  return new DownloadError(
    'DIRECTORY_NOT_ALLOWED',
    `${requested} is not one of your download folders. Choose it in Settings first, then add the download again.`,
  );
}

/**
 * A folder typed in Settings (the browser UI has no picker) becomes a download folder only if it
 * exists, is writable and is not a kernel interface. Returns the real path that gets saved.
 */
export async function checkTypedFolder(path: string): Promise<string> {
  const refuse = (why: string): DownloadError =>
    new DownloadError('DIRECTORY_NOT_ALLOWED', `${path} cannot be a download folder: ${why}`);
  if (isUnderSystemFolder(path))
    throw refuse('it is a system folder (/proc, /sys, /dev). Pick a folder of yours.');
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw refuse('it does not exist. Create it first, or pick another folder.');
  }
  if (isUnderSystemFolder(real))
    throw refuse('it leads into a system folder (/proc, /sys, /dev). Pick a folder of yours.');
  if (!(await stat(real)).isDirectory()) throw refuse('it is a file, not a folder.');
  try {
    await access(real, constants.W_OK);
  } catch {
    throw refuse('you cannot write to it. Pick a folder you own, or change its permissions.');
  }
  return real;
}
