// The one atomic writer behind the journal, the queue and the settings: private, never torn, durable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  atomicTempPath,
  nodeAtomicFileSystem,
  writeFileAtomic,
  type AtomicFileSystem,
} from '../../src-main/engine/storage/atomic-file';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-atomic-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The real file system, with every call logged in order. */
function watched(log: string[], overrides: Partial<AtomicFileSystem> = {}): AtomicFileSystem {
  const real = { ...nodeAtomicFileSystem, ...overrides };
  return {
    mkdir: (folder) => (log.push(`mkdir ${path.basename(folder)}`), real.mkdir(folder)),
    openForWrite: (file) => (log.push(`open ${path.basename(file)}`), real.openForWrite(file)),
    syncFile: (handle) => (log.push('sync-file'), real.syncFile(handle)),
    rename: (from, to) => (log.push(`rename ${path.basename(from)}`), real.rename(from, to)),
    remove: (file) => (log.push(`remove ${path.basename(file)}`), real.remove(file)),
    syncFolder: (folder) => (log.push(`sync-folder ${path.basename(folder)}`), real.syncFolder(folder)),
  };
}

describe('writeFileAtomic', () => {
  it('writes a file only its owner can read, creating the folder', async () => {
    const file = path.join(dir, 'state', 'queue.json');
    await writeFileAtomic(file, '{"a":1}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['queue.json']);
  });

  it('replaces the file by renaming a finished temp file, then makes the rename durable', async () => {
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, 'old');
    const log: string[] = [];
    await writeFileAtomic(file, 'new', watched(log));
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    const folder = path.basename(dir);
    expect(log).toEqual([
      `mkdir ${folder}`,
      'open settings.json.tmp',
      'sync-file',
      'rename settings.json.tmp',
      `sync-folder ${folder}`,
    ]);
  });

  it('replaces the file just as atomically without waiting for the disk when only a kill must be survived', async () => {
    const file = path.join(dir, 'big.bin.part.json');
    fs.writeFileSync(file, 'old');
    const log: string[] = [];
    await writeFileAtomic(file, 'new', watched(log), 'crash-safe');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(log).toEqual([
      `mkdir ${path.basename(dir)}`,
      'open big.bin.part.json.tmp',
      'rename big.bin.part.json.tmp',
    ]);
    expect(fs.existsSync(atomicTempPath(file))).toBe(false);
  });

  it('leaves the old file whole and no temp file when the replace fails', async () => {
    const file = path.join(dir, 'journal.json');
    fs.writeFileSync(file, 'old');
    const failingRename = (): Promise<void> => Promise.reject(new Error('EIO'));
    await expect(writeFileAtomic(file, 'new', watched([], { rename: failingRename }))).rejects.toThrow('EIO');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.existsSync(atomicTempPath(file))).toBe(false);
  });

  it('never writes through a symlink planted at the temp path', async () => {
    const file = path.join(dir, 'queue.json');
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'keep');
    fs.symlinkSync(victim, atomicTempPath(file));
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow();
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep');
  });
});
