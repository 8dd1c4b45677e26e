// The digests hashed in file order; CRC-32C is combined from the chunk CRCs instead.
import type { DigestAlgorithm } from '../../../src-shared/download-types';

export type SequentialAlgorithm = Exclude<DigestAlgorithm, 'crc32c'>;

export function isSequentialAlgorithm(algorithm: DigestAlgorithm): algorithm is SequentialAlgorithm {
  return algorithm !== 'crc32c';
}
