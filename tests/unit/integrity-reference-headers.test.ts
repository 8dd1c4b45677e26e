import { createHash } from 'node:crypto';
import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import { crc32cToBase64, crc32cToHex } from '../../src-main/engine/integrity/crc32c-combine';
import type { ResponseHeaders } from '../../src-main/engine/integrity/reference-headers';
import {
  parseReferenceHeaders,
  S3_CHECKSUM_REQUEST_HEADERS,
} from '../../src-main/engine/integrity/reference-headers';

const content = Buffer.from('served file content');
const digest = (algorithm: string): Buffer => createHash(algorithm).update(content).digest();
const b64 = (algorithm: string): string => digest(algorithm).toString('base64');
const hex = (algorithm: string): string => digest(algorithm).toString('hex');
const crcB64 = crc32cToBase64(crc32c(content));
const crcHex = crc32cToHex(crc32c(content));

const raw = { bytesAreDecoded: false };
const decoded = { bytesAreDecoded: true };

function parse(headers: ResponseHeaders, ctx = raw) {
  return parseReferenceHeaders(headers, ctx);
}

describe('x-goog-hash (Google Cloud Storage)', () => {
  it('reads crc32c and md5 from one header', () => {
    const { references, problems } = parse({ 'x-goog-hash': `crc32c=${crcB64},md5=${b64('md5')}` });
    expect(references).toEqual([
      { algorithm: 'crc32c', hex: crcHex, source: 'x-goog-hash' },
      { algorithm: 'md5', hex: hex('md5'), source: 'x-goog-hash' },
    ]);
    expect(problems).toEqual([]);
  });

  it('reads repeated header lines', () => {
    const { references } = parse({ 'x-goog-hash': [`crc32c=${crcB64}`, `md5=${b64('md5')}`] });
    expect(references.map((r) => r.algorithm)).toEqual(['crc32c', 'md5']);
  });

  it('reports a hex value (GCS sends base64) and an unknown algorithm, trusting neither', () => {
    const { references, problems } = parse({
      'x-goog-hash': `md5=${hex('md5')}, sha9=${b64('md5')}, crc32c=${crcB64}`,
    });
    expect(references).toEqual([{ algorithm: 'crc32c', hex: crcHex, source: 'x-goog-hash' }]);
    expect(problems).toEqual([
      { source: 'x-goog-hash', message: `malformed md5 value "${hex('md5')}"` },
      { source: 'x-goog-hash', message: 'unsupported algorithm "sha9"' },
    ]);
  });

  it('matches header names case-insensitively', () => {
    const { references } = parse({ 'X-Goog-Hash': `crc32c=${crcB64}` });
    expect(references).toHaveLength(1);
  });
});

describe('Content-MD5', () => {
  it('reads a base64 MD5', () => {
    expect(parse({ 'content-md5': b64('md5') }).references).toEqual([
      { algorithm: 'md5', hex: hex('md5'), source: 'content-md5' },
    ]);
  });

  it('reports a value of the wrong length', () => {
    const { references, problems } = parse({ 'content-md5': b64('sha1') });
    expect(references).toEqual([]);
    expect(problems).toEqual([{ source: 'content-md5', message: `malformed md5 value "${b64('sha1')}"` }]);
  });

  it('keeps two different values from repeated headers, so the wrong one can mismatch', () => {
    const wrong = createHash('md5').update('other').digest('base64');
    const { references } = parse({ 'content-md5': [b64('md5'), wrong, b64('md5')] });
    expect(references.map((r) => r.hex)).toEqual([hex('md5'), Buffer.from(wrong, 'base64').toString('hex')]);
  });

  it('is not trusted on a response that carries only part of the file', () => {
    const { references, problems } = parse({
      'content-md5': b64('md5'),
      'content-range': 'bytes 0-9/19',
    });
    expect(references).toEqual([]);
    expect(problems).toEqual([
      { source: 'content-md5', message: 'not compared: it describes only "bytes 0-9/19"' },
    ]);
  });

  it('is trusted on a 206 that carries the whole file', () => {
    const headers = { 'content-md5': b64('md5'), 'content-range': 'bytes 0-18/19' };
    expect(parse(headers).references).toHaveLength(1);
  });
});

describe('Repr-Digest and Content-Digest (RFC 9530)', () => {
  it('reads sha-256 and sha-512 byte sequences', () => {
    const { references, problems } = parse({
      'repr-digest': `sha-256=:${b64('sha256')}:, sha-512=:${b64('sha512')}:`,
    });
    expect(references).toEqual([
      { algorithm: 'sha256', hex: hex('sha256'), source: 'repr-digest' },
      { algorithm: 'sha512', hex: hex('sha512'), source: 'repr-digest' },
    ]);
    expect(problems).toEqual([]);
  });

  it('ignores algorithms it does not know and parameters on members', () => {
    const { references } = parse({
      'content-digest': `unixsum=:AAAA:, id-sha-256=:${b64('sha256')}:;x="y", sha-256=:${b64('sha256')}:`,
    });
    expect(references).toEqual([{ algorithm: 'sha256', hex: hex('sha256'), source: 'content-digest' }]);
  });

  it('reads the digest among any other valid structured-field members', () => {
    const value = `list=(1 "two" three);p, flag, n=-12.5, s="a\\"b", sha-256=:${b64('sha256')}:;q=?1`;
    const { references, problems } = parse({ 'repr-digest': value });
    expect(problems).toEqual([]);
    expect(references).toEqual([{ algorithm: 'sha256', hex: hex('sha256'), source: 'repr-digest' }]);
  });

  it('rejects the whole field when it is not a valid dictionary', () => {
    for (const value of [
      `sha-256=${b64('sha256')}`, // an RFC 3230 style value is a token, not a byte sequence
      `SHA-256=:${b64('sha256')}:`, // keys are lower case
      `sha-256=:${b64('sha256')}:,`,
      `sha-256=:${b64('sha256')}`,
    ]) {
      const { references, problems } = parse({ 'repr-digest': value });
      expect(references, value).toEqual([]);
      expect(problems, value).toHaveLength(1);
      expect(problems[0].source).toBe('repr-digest');
    }
  });

  it('reports a known algorithm whose value is not a byte sequence', () => {
    const { references, problems } = parse({ 'repr-digest': 'sha-256="abc"' });
    expect(references).toEqual([]);
    expect(problems).toEqual([
      { source: 'repr-digest', message: 'sha-256 is not a byte sequence (:base64:)' },
    ]);
  });

  it('reports a byte sequence of the wrong length', () => {
    const { problems } = parse({ 'repr-digest': `sha-512=:${b64('sha256')}:` });
    expect(problems).toEqual([
      { source: 'repr-digest', message: `malformed sha512 value "${b64('sha256')}"` },
    ]);
  });
});

describe('Digest (RFC 3230)', () => {
  it('reads SHA-256, MD5 and SHA (SHA-1) with case-insensitive names', () => {
    const { references, problems } = parse({
      digest: `SHA-256=${b64('sha256')}, md5=${b64('md5')},Sha=${b64('sha1')}`,
    });
    expect(references).toEqual([
      { algorithm: 'sha256', hex: hex('sha256'), source: 'digest' },
      { algorithm: 'md5', hex: hex('md5'), source: 'digest' },
      { algorithm: 'sha1', hex: hex('sha1'), source: 'digest' },
    ]);
    expect(problems).toEqual([]);
  });

  it('ignores unknown algorithms and reports elements without a value', () => {
    const { references, problems } = parse({ digest: `UNIXsum=30637, SHA-256` });
    expect(references).toEqual([]);
    expect(problems).toEqual([{ source: 'digest', message: 'malformed element "SHA-256"' }]);
  });
});

describe('x-amz-checksum-* (S3)', () => {
  it('asks S3 for checksums with x-amz-checksum-mode', () => {
    expect(S3_CHECKSUM_REQUEST_HEADERS).toEqual({ 'x-amz-checksum-mode': 'ENABLED' });
  });

  it('reads crc32c, sha1 and sha256', () => {
    const { references, problems } = parse({
      'x-amz-checksum-crc32c': crcB64,
      'x-amz-checksum-sha1': b64('sha1'),
      'x-amz-checksum-sha256': b64('sha256'),
      'x-amz-checksum-type': 'FULL_OBJECT',
    });
    expect(references).toEqual([
      { algorithm: 'crc32c', hex: crcHex, source: 'x-amz-checksum-crc32c' },
      { algorithm: 'sha1', hex: hex('sha1'), source: 'x-amz-checksum-sha1' },
      { algorithm: 'sha256', hex: hex('sha256'), source: 'x-amz-checksum-sha256' },
    ]);
    expect(problems).toEqual([]);
  });

  it('reports plain CRC-32 as unsupported instead of comparing it with CRC-32C', () => {
    const { references, problems } = parse({ 'x-amz-checksum-crc32': 'AAAAAA==' });
    expect(references).toEqual([]);
    expect(problems).toEqual([
      { source: 'x-amz-checksum-crc32', message: 'unsupported algorithm "crc32" (not computed)' },
    ]);
  });

  it('does not trust a composite multipart checksum', () => {
    const { references, problems } = parse({ 'x-amz-checksum-crc32c': `${crcB64}-3` });
    expect(references).toEqual([]);
    expect(problems[0].message).toContain('composite checksum');
  });
});

describe('encoded representations', () => {
  const allSources = {
    'x-goog-hash': `md5=${b64('md5')}`,
    'content-md5': b64('md5'),
    'content-digest': `sha-256=:${b64('sha256')}:`,
    'repr-digest': `sha-256=:${b64('sha256')}:`,
    digest: `SHA-256=${b64('sha256')}`,
  };

  it('drops every digest of the gzip stream when the bytes were decoded, and says so', () => {
    const { references, problems } = parse({ ...allSources, 'content-encoding': 'gzip' }, decoded);
    expect(references).toEqual([]);
    expect(problems.map((p) => p.source).sort()).toEqual(
      ['content-digest', 'content-md5', 'digest', 'repr-digest', 'x-goog-hash'].sort(),
    );
    expect(problems[0].message).toContain('gzip-encoded representation');
  });

  it('keeps them all when the gzip bytes themselves are hashed', () => {
    const { references } = parse({ ...allSources, 'content-encoding': 'gzip' }, raw);
    expect(references).toHaveLength(5);
  });

  it('treats Content-Encoding: identity as no encoding', () => {
    const { references } = parse({ ...allSources, 'content-encoding': 'identity' }, decoded);
    expect(references).toHaveLength(5);
  });

  it('drops x-goog-hash of a gzip-stored object that GCS sent decoded (transcoding)', () => {
    const { references, problems } = parse(
      { 'x-goog-hash': `crc32c=${crcB64},md5=${b64('md5')}`, 'x-goog-stored-content-encoding': 'gzip' },
      raw,
    );
    expect(references).toEqual([]);
    expect(problems).toEqual([
      {
        source: 'x-goog-hash',
        message: 'not compared: it describes the stored gzip-encoded object and the server sent it decoded',
      },
    ]);
  });

  it('keeps x-goog-hash of a gzip-stored object sent and hashed as gzip', () => {
    const headers = {
      'x-goog-hash': `md5=${b64('md5')}`,
      'x-goog-stored-content-encoding': 'gzip',
      'content-encoding': 'gzip',
    };
    expect(parse(headers, raw).references).toHaveLength(1);
    expect(parse(headers, decoded).references).toEqual([]);
  });

  it('drops S3 checksums of an object stored gzip-encoded when the bytes were decoded', () => {
    const headers = { 'x-amz-checksum-sha256': b64('sha256'), 'content-encoding': 'gzip' };
    expect(parse(headers, raw).references).toHaveLength(1);
    expect(parse(headers, decoded).references).toEqual([]);
  });
});

it('returns nothing for a response without digest headers', () => {
  expect(parse({ 'content-type': 'video/mp4', 'content-length': '19', etag: undefined })).toEqual({
    references: [],
    problems: [],
  });
});
