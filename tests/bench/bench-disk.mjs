// A reference for the integrity timing: how long fdatasync of a just-written file of the same size
// takes on this disk. pdl syncs its part file between `verifying` and `completed`, so this cost sits
// inside its "last byte → verified" time whatever the hashing does.
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './bench-stats.mjs';

const BLOCK_BYTES = 4 * 2 ** 20;

async function fdatasyncAfterWriteS(file, size) {
  const block = Buffer.alloc(BLOCK_BYTES, 0x5a);
  const handle = await open(file, 'w');
  try {
    for (let offset = 0; offset < size; offset += BLOCK_BYTES) {
      await handle.write(block, 0, Math.min(BLOCK_BYTES, size - offset), offset);
    }
    const started = performance.now();
    await handle.datasync();
    return (performance.now() - started) / 1000;
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
}

/** Median over `reps` writes of `size` bytes into `dir`. */
export async function measureFdatasyncS(dir, size, reps) {
  const times = [];
  for (let i = 0; i < reps; i++)
    times.push(await fdatasyncAfterWriteS(join(dir, 'fdatasync-probe.bin'), size));
  return median(times);
}
