import type { DigestAlgorithm } from '../../../src-shared/download-types';

/** Digest size in bytes per algorithm; a value of any other length is malformed. */
export const DIGEST_BYTE_LENGTH: Readonly<Record<DigestAlgorithm, number>> = {
  md5: 16,
  sha1: 20,
  sha256: 32,
  sha512: 64,
  crc32c: 4,
};

const HEX = /^[0-9a-f]+$/i;
const BASE64_STD = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Lower-case hex of a digest given as hex, or undefined if it is not exactly that many hex bytes. */
export function decodeHexDigest(algorithm: DigestAlgorithm, text: string): string | undefined {
  const expectedLength = DIGEST_BYTE_LENGTH[algorithm] * 2;
  return text.length === expectedLength && HEX.test(text) ? text.toLowerCase() : undefined;
}

/**
 * Lower-case hex of a digest given as base64, or undefined. Strict: one alphabet (standard, or
 * url-safe when `allowUrlSafe`), correct padding if present, no stray bits, the algorithm's exact length.
 */
export function decodeBase64Digest(
  algorithm: DigestAlgorithm,
  text: string,
  allowUrlSafe = false,
): string | undefined {
  const urlSafe = !BASE64_STD.test(text);
  if (urlSafe && !(allowUrlSafe && BASE64_URL.test(text))) return undefined;
  const body = text.replace(/=+$/, '');
  if (body.length !== text.length && text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(body, urlSafe ? 'base64url' : 'base64');
  // Re-encoding rejects values whose padding bits are set, which Buffer would silently drop.
  if (bytes.toString('base64url') !== body.replace(/\+/g, '-').replace(/\//g, '_')) return undefined;
  return bytes.length === DIGEST_BYTE_LENGTH[algorithm] ? bytes.toString('hex') : undefined;
}

/**
 * Hex (any case) or base64 (standard or url-safe, padding optional) to lower-case hex, or undefined
 * when the text is neither or has the wrong length for the algorithm. The two forms never collide:
 * hex of n bytes is 2n characters, base64 about 1.33n.
 */
export function decodeDigestValue(algorithm: DigestAlgorithm, text: string): string | undefined {
  return decodeHexDigest(algorithm, text) ?? decodeBase64Digest(algorithm, text, true);
}

const ALGORITHM_NAMES: Readonly<Record<string, DigestAlgorithm>> = {
  md5: 'md5',
  sha1: 'sha1',
  'sha-1': 'sha1',
  sha256: 'sha256',
  'sha-256': 'sha256',
  sha512: 'sha512',
  'sha-512': 'sha512',
  crc32c: 'crc32c',
  'crc-32c': 'crc32c',
};

/** The algorithm a user names (`sha256`, `SHA-256`, `crc32c`, ...), or undefined. */
export function parseAlgorithmName(name: string): DigestAlgorithm | undefined {
  return Object.hasOwn(ALGORITHM_NAMES, name.toLowerCase()) ? ALGORITHM_NAMES[name.toLowerCase()] : undefined;
}
