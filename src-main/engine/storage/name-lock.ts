// The name lock `X.part.lock` claims a download's name (its part file and journal) across
// processes, for as long as the download exists unfinished in this process's queue (paused or
// failed included). It appears atomically with the owner's pid inside (written to a temporary file,
// then hard-linked into place, which fails on any existing entry), and is removed when the download
// completes, is cancelled or removed, or the process quits. A lock whose process is gone was left
// by a crash and is taken over.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileSystemError } from './fs-errors';

export interface NameLock {
  readonly path: string;
  /** The previous owner died holding the name: what it left without a journal is its own debris. */
  readonly tookOver: boolean;
  /** False once released, by this holder or because the name was given up. */
  isHeld(): boolean;
  release(): Promise<void>;
}

export function lockPathFor(partPath: string): string {
  return `${partPath}.lock`;
}

/**
 * The locks this process holds, by path, with the token of their holder: an old holder's late
 * release never frees the name for its next holder. A lock of this process's pid that is not here
 * is one a failed release left behind (its folder was away at the time): stale like a dead one's.
 */
const held = new Map<string, symbol>();
/** Names a claim of this process is deciding right now: a second claim loses at once, off disk. */
const claiming = new Set<string>();

/** Whether this process holds the name of `partPath` now: always current, unlike a folder listing. */
export function isLockedHere(partPath: string): boolean {
  const lockPath = lockPathFor(partPath);
  return held.has(lockPath) || claiming.has(lockPath);
}

/** Linux keeps a killed child as a zombie until it is reaped; a zombie holds nothing. */
function isAlive(pid: number, lockPath: string): boolean {
  if (pid === process.pid) return held.has(lockPath);
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function readOwner(lockPath: string): Promise<string | undefined> {
  return fs.promises.readFile(lockPath, 'utf8').catch(() => undefined);
}

/** Creates the lock with its content complete at the moment it appears; false when it exists. */
async function create(lockPath: string): Promise<boolean> {
  // Eight hex digits and no more: names leave room for exactly this suffix (SIDE_FILE_SUFFIX_BYTES).
  const temp = `${lockPath}.${crypto.randomBytes(4).toString('hex')}`;
  try {
    await fs.promises.writeFile(temp, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
    await fs.promises.link(temp, lockPath);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') return false;
    throw fileSystemError(err, lockPath, 'create');
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

/** Never fails: a lock that cannot be removed now is taken over by the next run that needs it. */
async function release(lockPath: string, token: symbol): Promise<void> {
  if (held.get(lockPath) !== token) return;
  held.delete(lockPath);
  await fs.promises.rm(lockPath, { force: true }).catch(() => undefined);
}

/**
 * Claims the name of `partPath`; undefined while a living process (this one included) holds it.
 */
export async function lockName(partPath: string): Promise<NameLock | undefined> {
  if (isLockedHere(partPath)) return undefined;
  const lockPath = lockPathFor(partPath);
  claiming.add(lockPath);
  try {
    return await claim(lockPath);
  } finally {
    claiming.delete(lockPath);
  }
}

async function claim(lockPath: string): Promise<NameLock | undefined> {
  let tookOver = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(lockPath)) {
      const token = Symbol(lockPath);
      held.set(lockPath, token);
      return {
        path: lockPath,
        tookOver,
        isHeld: () => held.get(lockPath) === token,
        release: () => release(lockPath, token),
      };
    }
    const owner = await readOwner(lockPath);
    if (owner === undefined) continue;
    const pid = Number.parseInt(owner, 10);
    if (!Number.isSafeInteger(pid) || pid <= 0 || isAlive(pid, lockPath)) return undefined;
    // Removed only if still the dead owner's lock, so a process that took it over first keeps it.
    if ((await readOwner(lockPath)) === owner) await fs.promises.rm(lockPath, { force: true });
    tookOver = true;
  }
  return undefined;
}
