import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import {
  algorithmsToCompute,
  buildIntegrityResults,
  firstMismatch,
  formatMismatch,
  integrityMismatchError,
  userReferences,
} from '../../src-main/engine/integrity/verify-results';

const content = Buffer.from('downloaded file content');
const sha256 = createHash('sha256').update(content).digest('hex');
const md5 = createHash('md5').update(content).digest('hex');
const otherSha256 = createHash('sha256').update('something else').digest('hex');

describe('buildIntegrityResults', () => {
  it('marks a reference that equals the computed digest verified, ignoring hex case', () => {
    const results = buildIntegrityResults(
      [{ algorithm: 'sha256', hex: sha256.toUpperCase(), source: 'user' }],
      { sha256 },
    );
    expect(results).toEqual([
      { algorithm: 'sha256', expected: sha256, source: 'user', actual: sha256, status: 'verified' },
    ]);
    expect(firstMismatch(results)).toBeUndefined();
  });

  it('marks a different digest as a mismatch and names its source', () => {
    const results = buildIntegrityResults(
      [{ algorithm: 'sha256', hex: otherSha256, source: 'repr-digest' }],
      { sha256 },
    );
    expect(results[0].status).toBe('mismatch');
    expect(firstMismatch(results)).toBe(results[0]);
    expect(formatMismatch(results[0])).toBe(
      `integrity mismatch: sha256 expected ${otherSha256} got ${sha256} (source: repr-digest)`,
    );
  });

  it('reports SHA-256 as computed when nobody gave a reference for it', () => {
    const results = buildIntegrityResults([{ algorithm: 'md5', hex: md5, source: 'content-md5' }], {
      md5,
      sha256,
    });
    expect(results).toEqual([
      { algorithm: 'md5', expected: md5, source: 'content-md5', actual: md5, status: 'verified' },
      { algorithm: 'sha256', actual: sha256, status: 'computed' },
    ]);
  });

  it('lists both of two references that disagree, and the wrong one mismatches', () => {
    const results = buildIntegrityResults(
      [
        { algorithm: 'sha256', hex: sha256, source: 'user' },
        { algorithm: 'sha256', hex: otherSha256, source: 'content-digest' },
      ],
      { sha256 },
    );
    expect(results.map((r) => [r.source, r.status])).toEqual([
      ['user', 'verified'],
      ['content-digest', 'mismatch'],
    ]);
    expect(firstMismatch(results)?.source).toBe('content-digest');
  });

  it('refuses to build results when a referenced digest was not computed', () => {
    expect(() =>
      buildIntegrityResults([{ algorithm: 'sha1', hex: '0'.repeat(40), source: 'digest' }], {
        sha256,
      }),
    ).toThrow(/no sha1 digest was computed for digest/);
  });
});

describe('algorithmsToCompute', () => {
  it('always includes SHA-256, so there is something to compare with a published value', () => {
    expect(algorithmsToCompute([])).toEqual(new Set(['sha256']));
  });

  it('adds every referenced algorithm once, crc32c included', () => {
    const refs = [
      { algorithm: 'md5', hex: md5, source: 'x-goog-hash' },
      { algorithm: 'crc32c', hex: '01020304', source: 'x-goog-hash' },
      { algorithm: 'md5', hex: md5, source: 'content-md5' },
    ] as const;
    expect(algorithmsToCompute(refs)).toEqual(new Set(['sha256', 'md5', 'crc32c']));
  });
});

describe('userReferences', () => {
  it('labels the user’s checksums with the source "user"', () => {
    expect(userReferences([{ algorithm: 'sha256', hex: sha256.toUpperCase() }])).toEqual([
      { algorithm: 'sha256', hex: sha256, source: 'user' },
    ]);
  });
});

describe('integrityMismatchError', () => {
  it('fails with INTEGRITY_MISMATCH and the formatted message', () => {
    const [result] = buildIntegrityResults([{ algorithm: 'sha256', hex: otherSha256, source: 'user' }], {
      sha256,
    });
    const error = integrityMismatchError(result);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.toInfo()).toEqual({
      code: 'INTEGRITY_MISMATCH',
      message: `integrity mismatch: sha256 expected ${otherSha256} got ${sha256} (source: user)`,
      retryable: true,
    });
  });
});
