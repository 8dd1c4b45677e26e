import type { DigestAlgorithm } from '../../../src-shared/download-types';
import { decodeBase64Digest } from './digest-encoding';
import { parseDictionary, StructuredFieldError } from './structured-field';

/** What one header yields: digests it states, and what was wrong with it. */
export interface ParsedDigests {
  digests: { algorithm: DigestAlgorithm; hex: string }[];
  problems: string[];
}

function emptyResult(): ParsedDigests {
  return { digests: [], problems: [] };
}

/** A base64 digest, or a problem saying why it is not one. */
function addBase64(result: ParsedDigests, algorithm: DigestAlgorithm, value: string): void {
  const hex = decodeBase64Digest(algorithm, value);
  if (hex === undefined) result.problems.push(`malformed ${algorithm} value "${value}"`);
  else result.digests.push({ algorithm, hex });
}

/** Splits a comma-separated list, dropping the empty elements RFC 9110's list syntax allows. */
function listElements(value: string): string[] {
  return value
    .split(',')
    .map((element) => element.trim())
    .filter((element) => element !== '');
}

/** `name=value` with a non-empty name; the value may contain '=' (base64 padding). */
function splitNameValue(element: string): [string, string] | undefined {
  const separator = element.indexOf('=');
  if (separator <= 0) return undefined;
  return [element.slice(0, separator).trim(), element.slice(separator + 1).trim()];
}

const GOOG_ALGORITHMS: Readonly<Record<string, DigestAlgorithm>> = { crc32c: 'crc32c', md5: 'md5' };

/** Google Cloud Storage `x-goog-hash: crc32c=<b64>,md5=<b64>` (md5 absent for composite objects). */
export function parseGoogHash(value: string): ParsedDigests {
  const result = emptyResult();
  for (const element of listElements(value)) {
    const pair = splitNameValue(element);
    if (pair === undefined) {
      result.problems.push(`malformed element "${element}"`);
    } else if (!Object.hasOwn(GOOG_ALGORITHMS, pair[0])) {
      result.problems.push(`unsupported algorithm "${pair[0]}"`);
    } else {
      addBase64(result, GOOG_ALGORITHMS[pair[0]], pair[1]);
    }
  }
  return result;
}

/** RFC 1864 `Content-MD5`: base64 of the 16-byte MD5. */
export function parseContentMd5(value: string): ParsedDigests {
  const result = emptyResult();
  addBase64(result, 'md5', value.trim());
  return result;
}

const RFC3230_ALGORITHMS: Readonly<Record<string, DigestAlgorithm>> = {
  md5: 'md5',
  sha: 'sha1',
  'sha-256': 'sha256',
  'sha-512': 'sha512',
};

/** RFC 3230 `Digest: SHA-256=<b64>, MD5=<b64>`; names are case-insensitive, others are ignored. */
export function parseRfc3230Digest(value: string): ParsedDigests {
  const result = emptyResult();
  for (const element of listElements(value)) {
    const pair = splitNameValue(element);
    if (pair === undefined) {
      result.problems.push(`malformed element "${element}"`);
      continue;
    }
    const name = pair[0].toLowerCase();
    // Registered algorithms we do not compute (UNIXsum, ADLER32, ID-SHA-256, ...) are not errors.
    if (Object.hasOwn(RFC3230_ALGORITHMS, name)) addBase64(result, RFC3230_ALGORITHMS[name], pair[1]);
  }
  return result;
}

const RFC9530_ALGORITHMS: Readonly<Record<string, DigestAlgorithm>> = {
  'sha-256': 'sha256',
  'sha-512': 'sha512',
  md5: 'md5',
  sha: 'sha1',
  crc32c: 'crc32c',
};

/** RFC 9530 `Repr-Digest` / `Content-Digest`: a dictionary of byte sequences, `sha-256=:<b64>:`. */
export function parseRfc9530Digest(value: string): ParsedDigests {
  const result = emptyResult();
  let dictionary;
  try {
    dictionary = parseDictionary(value);
  } catch (err) {
    if (!(err instanceof StructuredFieldError)) throw err;
    result.problems.push(`not a structured-field dictionary: ${err.message}`);
    return result;
  }
  for (const [key, member] of dictionary) {
    if (!Object.hasOwn(RFC9530_ALGORITHMS, key)) continue;
    if (member.kind !== 'item' || member.value.type !== 'bytes') {
      result.problems.push(`${key} is not a byte sequence (:base64:)`);
      continue;
    }
    addBase64(result, RFC9530_ALGORITHMS[key], member.value.value);
  }
  return result;
}

const AMZ_ALGORITHMS: Readonly<Record<string, DigestAlgorithm>> = {
  crc32c: 'crc32c',
  sha1: 'sha1',
  sha256: 'sha256',
};

/**
 * One S3 `x-amz-checksum-<name>` header (base64). CRC-32 and CRC-64/NVME are not computed, and a
 * composite checksum (`<b64>-<parts>`, a checksum of part checksums) does not describe the bytes.
 */
export function parseAmzChecksum(name: string, value: string): ParsedDigests {
  const result = emptyResult();
  const trimmed = value.trim();
  if (!Object.hasOwn(AMZ_ALGORITHMS, name)) {
    result.problems.push(`unsupported algorithm "${name}" (not computed)`);
  } else if (/-\d+$/.test(trimmed)) {
    result.problems.push(`composite checksum "${trimmed}" of multipart parts, not of the whole object`);
  } else {
    addBase64(result, AMZ_ALGORITHMS[name], trimmed);
  }
  return result;
}
