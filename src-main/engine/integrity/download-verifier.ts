// Integrity of one download: hashes the contiguous prefix while the data arrives, combines the
// chunk CRC-32Cs at the end, and compares everything with the references the user and server gave.
import type { DigestAlgorithm, IntegrityResult } from '../../../src-shared/download-types';
import { combineChunkCrcs, crc32cToHex } from './crc32c-combine';
import { OrderedHasher } from './ordered-hasher';
import { algorithmsToCompute, buildIntegrityResults, type DigestReference } from './verify-results';

export class DownloadVerifier {
  private hasher?: OrderedHasher;

  constructor(private readonly references: readonly DigestReference[]) {}

  /** Starts hashing `partPath` from byte 0 (after a resume the prefix on disk is hashed again). */
  start(partPath: string): void {
    void this.hasher?.dispose();
    const algorithms = [...algorithmsToCompute(this.references)];
    this.hasher = new OrderedHasher({ partPath, algorithms });
  }

  advance(watermark: number): void {
    this.hasher?.advance(watermark);
  }

  async verify(
    totalBytes: number,
    chunks: readonly { crc: number; length: number }[],
  ): Promise<IntegrityResult[]> {
    if (!this.hasher) throw new Error('verify() before start()');
    const digests: Partial<Record<DigestAlgorithm, string>> = await this.hasher.finish(totalBytes);
    digests.crc32c = crc32cToHex(combineChunkCrcs(chunks));
    await this.dispose();
    return buildIntegrityResults(this.references, digests);
  }

  async dispose(): Promise<void> {
    const hasher = this.hasher;
    this.hasher = undefined;
    await hasher?.dispose();
  }
}
