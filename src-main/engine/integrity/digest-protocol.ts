// Messages between OrderedHasher (main thread) and the digest worker.
import type { DigestAlgorithm, ErrorInfo } from '../../../src-shared/download-types';

/** Algorithms that need the bytes in order; CRC-32C is combined from chunk CRCs instead. */
export type SequentialAlgorithm = Exclude<DigestAlgorithm, 'crc32c'>;

export const SEQUENTIAL_ALGORITHMS: readonly SequentialAlgorithm[] = ['md5', 'sha1', 'sha256', 'sha512'];

export function isSequentialAlgorithm(algorithm: DigestAlgorithm): algorithm is SequentialAlgorithm {
  return algorithm !== 'crc32c';
}

export interface DigestWorkerData {
  partPath: string;
  algorithms: SequentialAlgorithm[];
}

export type ToDigestWorker =
  /** Every byte in [0, watermark) is written to the part file. */
  | { type: 'advance'; watermark: number }
  /** The file is complete at totalBytes: hash the rest and reply with the digests. */
  | { type: 'finish'; totalBytes: number };

export type FromDigestWorker =
  | { type: 'hashed'; upTo: number }
  | { type: 'digests'; digests: Partial<Record<SequentialAlgorithm, string>> }
  | { type: 'failed'; error: ErrorInfo };
