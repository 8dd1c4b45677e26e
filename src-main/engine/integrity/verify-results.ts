import type { DigestAlgorithm, ExpectedChecksum, IntegrityResult } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';

/** An expected digest and where it came from: 'user' or a header name. */
export interface DigestReference {
  algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  hex: string;
  source: string;
}

export type ComputedDigests = Partial<Record<DigestAlgorithm, string>>;

/** SHA-256 is always computed, so the user can compare it with a published value. */
export const ALWAYS_COMPUTED: DigestAlgorithm = 'sha256';

/** Result order for computed-only digests. */
const ALGORITHM_ORDER: readonly DigestAlgorithm[] = ['sha256', 'sha512', 'sha1', 'md5', 'crc32c'];

/** The user's checksums as references, which rank before the server's. */
export function userReferences(checksums: readonly ExpectedChecksum[]): DigestReference[] {
  return checksums.map(({ algorithm, hex }) => ({ algorithm, hex: hex.toLowerCase(), source: 'user' }));
}

/** The algorithms to compute: every referenced one plus SHA-256 (crc32c included when referenced). */
export function algorithmsToCompute(references: readonly DigestReference[]): Set<DigestAlgorithm> {
  return new Set<DigestAlgorithm>([ALWAYS_COMPUTED, ...references.map((r) => r.algorithm)]);
}

/**
 * One result per reference, in the references' order, then a `computed` result for every computed
 * algorithm nobody referenced. References that disagree with each other each get their own result,
 * so at least one of them is a mismatch.
 */
export function buildIntegrityResults(
  references: readonly DigestReference[],
  actual: ComputedDigests,
): IntegrityResult[] {
  const results: IntegrityResult[] = references.map(({ algorithm, hex, source }) => {
    const computed = actual[algorithm];
    if (computed === undefined) {
      throw new DownloadError('INTERNAL', `no ${algorithm} digest was computed for ${source}`);
    }
    const expected = hex.toLowerCase();
    const got = computed.toLowerCase();
    return {
      algorithm,
      expected,
      source,
      actual: got,
      status: expected === got ? 'verified' : 'mismatch',
    };
  });
  for (const algorithm of ALGORITHM_ORDER) {
    const computed = actual[algorithm];
    if (computed !== undefined && !references.some((r) => r.algorithm === algorithm)) {
      results.push({ algorithm, actual: computed.toLowerCase(), status: 'computed' });
    }
  }
  return results;
}

export function firstMismatch(results: readonly IntegrityResult[]): IntegrityResult | undefined {
  return results.find((result) => result.status === 'mismatch');
}

/** `integrity mismatch: sha256 expected <hex> got <hex> (source: x-goog-hash)` */
export function formatMismatch(result: IntegrityResult): string {
  return `integrity mismatch: ${result.algorithm} expected ${result.expected ?? '(none)'} got ${result.actual} (source: ${result.source ?? 'unknown'})`;
}

/**
 * The failure for a mismatch. Retryable, because a fresh download can fix corrupted bytes; the
 * download job decides how many times it tries.
 */
export function integrityMismatchError(result: IntegrityResult): DownloadError {
  return new DownloadError('INTEGRITY_MISMATCH', formatMismatch(result), { retryable: true });
}
