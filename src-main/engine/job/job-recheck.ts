// Checks the bytes a failed download left in its part file against corrected expected checksums,
// without a request: a checksum the user got wrong must not cost a second download of the file.
import fs from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import type { ExpectedChecksum, IntegrityResult } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { crc32cToHex } from '../integrity/crc32c-combine';
import { OrderedHasher } from '../integrity/ordered-hasher';
import {
  algorithmsToCompute,
  buildIntegrityResults,
  firstMismatch,
  userReferences,
  type ComputedDigests,
  type DigestReference,
} from '../integrity/verify-results';
import { lockName, type NameLock } from '../storage/name-lock';
import type { DownloadPaths } from '../storage/part-file';
import { placeVerifiedFile, type Finished } from './job-finalize';

const CRC_READ_BYTES = 1024 * 1024;

export interface RecheckInput {
  paths: DownloadPaths;
  fileName: string;
  checksums: readonly ExpectedChecksum[];
  /** The last check's results: the server's references in them still apply to the same bytes. */
  previous: readonly IntegrityResult[];
  /** The name lock this process already holds for the download, if any; placing needs it held. */
  heldLock?: NameLock;
}

/** The references of a re-check: the user's new values first, then what the server said before. */
export function recheckReferences(
  checksums: readonly ExpectedChecksum[],
  previous: readonly IntegrityResult[],
): DigestReference[] {
  const fromServer = previous.flatMap((result) =>
    result.source !== undefined && result.source !== 'user' && result.expected !== undefined
      ? [{ algorithm: result.algorithm, hex: result.expected, source: result.source }]
      : [],
  );
  return [...userReferences(checksums), ...fromServer];
}

/** Hashes the part file; on a match it gets its final name, on a mismatch it stays as it is. */
export async function recheckPartFile(input: RecheckInput): Promise<Finished> {
  const { partPath } = input.paths;
  const size = await fs.promises.stat(partPath).then(
    (stat) => stat.size,
    () => {
      throw new DownloadError(
        'FILE_SYSTEM',
        `the downloaded data of ${input.fileName} is gone (${partPath}); download it again`,
      );
    },
  );
  const references = recheckReferences(input.checksums, input.previous);
  const algorithms = [...algorithmsToCompute(references)];
  const hasher = new OrderedHasher({ partPath, algorithms });
  let digests: ComputedDigests;
  try {
    hasher.advance(size);
    digests = { ...(await hasher.finish(size)) };
  } finally {
    await hasher.dispose();
  }
  if (algorithms.includes('crc32c')) digests.crc32c = await crc32cOfFile(partPath);
  const integrity = buildIntegrityResults(references, digests);
  const mismatch = firstMismatch(integrity);
  if (mismatch) return { ok: false, integrity, mismatch };
  // Another process may be downloading under the same name; the name is placed only while held.
  if (input.heldLock?.isHeld()) {
    return { ok: true, integrity, filePath: await placeVerifiedFile(input.paths, input.fileName) };
  }
  const lock = await lockName(partPath);
  if (!lock) {
    throw new DownloadError(
      'FILE_SYSTEM',
      `${input.fileName} is in use by another download; try again later`,
    );
  }
  try {
    return { ok: true, integrity, filePath: await placeVerifiedFile(input.paths, input.fileName) };
  } finally {
    await lock.release();
  }
}

async function crc32cOfFile(filePath: string): Promise<string> {
  let crc = 0;
  const stream = fs.createReadStream(filePath, { highWaterMark: CRC_READ_BYTES });
  for await (const chunk of stream) crc = crc32c(chunk as Buffer, crc);
  return crc32cToHex(crc);
}
