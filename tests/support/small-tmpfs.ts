// A real small file system for tests of full disks and free space: a tmpfs of `sizeMiB` mounted on
// a fresh folder (needs root, as the suite has here and in CI).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './engine-harness';

export interface SmallTmpfs {
  path: string;
  /** Bytes an unprivileged writer may still use there. */
  freeBytes(): number;
  /** Removes everything in it, keeping the mount. */
  empty(): void;
  unmount(): void;
}

export function mountSmallTmpfs(sizeMiB: number, prefix = 'pdl-tmpfs-'): SmallTmpfs {
  const mountPoint = tempDir(prefix);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', mountPoint]);
  return {
    path: mountPoint,
    freeBytes() {
      const stats = fs.statfsSync(mountPoint);
      return stats.bavail * stats.bsize;
    },
    empty() {
      for (const entry of fs.readdirSync(mountPoint)) {
        fs.rmSync(path.join(mountPoint, entry), { recursive: true, force: true });
      }
    },
    unmount() {
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    },
  };
}
