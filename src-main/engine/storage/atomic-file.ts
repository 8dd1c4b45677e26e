// The one way state files (journal, queue, settings) are replaced, so a crash or power cut leaves
// either the old file or the new one, never a torn mix: temp file beside the target (0600, never
// through a symlink), write, fsync, rename over the target, then fsync the folder so the rename
// itself survives. A write that only has to survive the process being killed skips both fsyncs.
import fs from 'node:fs';
import path from 'node:path';

/** The few file-system calls the helper makes; tests pass their own to watch the order. */
export interface AtomicFileSystem {
  mkdir(folder: string): Promise<void>;
  /** Opens `file` for writing (created 0600, truncated, not through a symlink). */
  openForWrite(file: string): Promise<fs.promises.FileHandle>;
  /** Makes the written contents durable. */
  syncFile(handle: fs.promises.FileHandle): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Makes the folder's entries (the rename) durable. */
  syncFolder(folder: string): Promise<void>;
}

const WRITE_FLAGS =
  fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW;

export const nodeAtomicFileSystem: AtomicFileSystem = {
  mkdir: async (folder) => void (await fs.promises.mkdir(folder, { recursive: true })),
  openForWrite: (file) => fs.promises.open(file, WRITE_FLAGS, 0o600),
  syncFile: (handle) => handle.sync(),
  rename: (from, to) => fs.promises.rename(from, to),
  remove: (file) => fs.promises.rm(file, { force: true }),
  syncFolder: async (folder) => {
    // Some platforms (Windows) cannot open a folder; the rename is then as durable as they allow.
    const handle = await fs.promises.open(folder, 'r').catch(() => undefined);
    if (!handle) return;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

/** Where the next version of `file` is written before it replaces `file`. */
export function atomicTempPath(file: string): string {
  return `${file}.tmp`;
}

/**
 * `durable`: the new file survives a power cut once this resolves. `crash-safe`: it survives the
 * process being killed (the kernel still has it), which is all a file guarding no data yet needs.
 */
export type Durability = 'durable' | 'crash-safe';

/** Replaces `file` with `text` atomically; the temp file never outlives a failure. */
export async function writeFileAtomic(
  file: string,
  text: string,
  fsOps: AtomicFileSystem = nodeAtomicFileSystem,
  durability: Durability = 'durable',
): Promise<void> {
  const folder = path.dirname(file);
  const temp = atomicTempPath(file);
  await fsOps.mkdir(folder);
  try {
    const handle = await fsOps.openForWrite(temp);
    try {
      await handle.writeFile(text, 'utf8');
      if (durability === 'durable') await fsOps.syncFile(handle);
    } finally {
      await handle.close();
    }
    await fsOps.rename(temp, file);
  } catch (err) {
    await fsOps.remove(temp).catch(() => undefined);
    throw err;
  }
  if (durability === 'durable') await fsOps.syncFolder(folder);
}
