// The end of a download whose last byte arrived: finish the digests, flush and close the part file,
// and give the file its final name only when every reference matched.
import type { IntegrityResult } from '../../../src-shared/download-types';
import type { DownloadVerifier } from '../integrity/download-verifier';
import { firstMismatch } from '../integrity/verify-results';
import type { ChunkScheduler } from '../plan/chunk-scheduler';
import { removeJournal } from '../storage/journal';
import {
  closeFile,
  finalizePartFile,
  syncData,
  truncateFile,
  type DownloadPaths,
} from '../storage/part-file';

export type Finished =
  | { ok: true; filePath: string; integrity: IntegrityResult[] }
  | { ok: false; integrity: IntegrityResult[]; mismatch: IntegrityResult };

export async function verifyAndPlace(input: {
  /** Closed here, whatever the outcome. */
  fd: number;
  lengthKnown: boolean;
  paths: DownloadPaths;
  fileName: string;
  scheduler: ChunkScheduler;
  verifier: DownloadVerifier;
  /** The last-byte journal being written; the file is placed only after it, never before. */
  journalSaved: Promise<void>;
}): Promise<Finished> {
  const { fd, paths, scheduler, verifier } = input;
  const total = scheduler.downloadedBytes();
  // Verifying reads the page cache, so it runs while the journal's flush writes the same bytes out.
  verifier.advance(total);
  const chunks = scheduler.persisted().map((c) => ({ crc: c.crc, length: c.written }));
  let integrity: IntegrityResult[];
  try {
    // Settled, not raced: the fd stays open until the journal's flush of it has ended.
    const [verified] = await Promise.allSettled([verifier.verify(total, chunks), input.journalSaved]);
    if (verified.status === 'rejected') throw verified.reason;
    integrity = verified.value;
    // An earlier stream of unknown length may have left more bytes than this one wrote.
    if (!input.lengthKnown) await truncateFile(fd, total, paths.partPath);
    await syncData(fd);
  } finally {
    await closeFile(fd);
  }
  const mismatch = firstMismatch(integrity);
  if (mismatch) return { ok: false, integrity, mismatch };
  return { ok: true, filePath: await placeVerifiedFile(paths, input.fileName), integrity };
}

/** Gives verified bytes their final name; the journal goes with the part file. Returns the path. */
export async function placeVerifiedFile(paths: DownloadPaths, fileName: string): Promise<string> {
  const filePath = await finalizePartFile(paths, fileName);
  await removeJournal(paths.journalPath);
  return filePath;
}
