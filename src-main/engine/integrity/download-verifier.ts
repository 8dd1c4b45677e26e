// Integrity of one download: hashes the contiguous prefix while the data arrives, combines the
// chunk CRC-32Cs at the end, and compares everything with the references the user and server gave.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { DigestAlgorithm, IntegrityResult } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { combineChunkCrcs, crc32cToHex } from './crc32c-combine';
import { isSequentialAlgorithm } from './digest-protocol';
import { OrderedHasher } from './ordered-hasher';
import { algorithmsToCompute, buildIntegrityResults, type DigestReference } from './verify-results';

/**
 * Below this many bytes a file is hashed at the end on this thread: starting a hashing thread costs
 * more than the hashing (thousands of tiny downloads would each start one).
 */
export const HASHER_THREAD_MIN_BYTES = 1024 * 1024;

/** The digests of a small file's first `totalBytes`, computed here. */
async function hashSmallFile(
  partPath: string,
  algorithms: readonly DigestAlgorithm[],
  totalBytes: number,
): Promise<Partial<Record<DigestAlgorithm, string>>> {
  const data = await fs.promises.readFile(partPath);
  if (data.length < totalBytes) {
    throw new DownloadError('FILE_SYSTEM', `${partPath} ends at byte ${data.length}, before ${totalBytes}`);
  }
  const digests: Partial<Record<DigestAlgorithm, string>> = {};
  for (const algorithm of algorithms.filter(isSequentialAlgorithm)) {
    digests[algorithm] = createHash(algorithm).update(data.subarray(0, totalBytes)).digest('hex');
  }
  return digests;
}

export class DownloadVerifier {
  private hasher?: OrderedHasher;
  private partPath?: string;

  constructor(
    private readonly references: readonly DigestReference[],
    private readonly workerScript: string,
  ) {}

  private get algorithms(): DigestAlgorithm[] {
    return [...algorithmsToCompute(this.references)];
  }

  /** Hashes `partPath` from byte 0 (after a resume the prefix on disk is hashed again). */
  start(partPath: string): void {
    void this.hasher?.dispose();
    this.hasher = undefined;
    this.partPath = partPath;
  }

  /** The hashing thread starts once the prefix is worth it. */
  advance(watermark: number): void {
    if (!this.hasher && (this.partPath === undefined || watermark < HASHER_THREAD_MIN_BYTES)) return;
    this.threadHasher().advance(watermark);
  }

  async verify(
    totalBytes: number,
    chunks: readonly { crc: number; length: number }[],
  ): Promise<IntegrityResult[]> {
    const partPath = this.partPath;
    if (partPath === undefined) throw new Error('verify() before start()');
    const digests: Partial<Record<DigestAlgorithm, string>> =
      !this.hasher && totalBytes < HASHER_THREAD_MIN_BYTES
        ? await hashSmallFile(partPath, this.algorithms, totalBytes)
        : await this.threadHasher().finish(totalBytes);
    digests.crc32c = crc32cToHex(combineChunkCrcs(chunks));
    await this.dispose();
    return buildIntegrityResults(this.references, digests);
  }

  async dispose(): Promise<void> {
    const hasher = this.hasher;
    this.hasher = undefined;
    await hasher?.dispose();
  }

  private threadHasher(): OrderedHasher {
    this.hasher ??= new OrderedHasher({
      partPath: this.partPath!,
      algorithms: this.algorithms,
      workerScript: this.workerScript,
    });
    return this.hasher;
  }
}
