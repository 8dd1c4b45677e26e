// Writes JSON so that a crash leaves either the old file or the new one, never a torn mix:
// temp file in the same folder, fsync, rename over the target, then fsync the folder.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeJsonAtomic(filePath: string, value: unknown): Promise<void> {
  const folder = dirname(filePath);
  await mkdir(folder, { recursive: true });
  const tempPath = `${filePath}.${process.pid}.tmp`;
  const file = await open(tempPath, 'w', 0o600);
  try {
    await file.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(tempPath, filePath);
  } catch (err) {
    await rm(tempPath, { force: true });
    throw err;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; some platforms (Windows) cannot open a folder, which is fine.
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}
