import type { ExpectedChecksum } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { DIGEST_BYTE_LENGTH, decodeDigestValue, parseAlgorithmName } from './digest-encoding';

export { decodeDigestValue } from './digest-encoding';

/**
 * Parses a user's `ALGORITHM=VALUE` (the CLI's `--checksum sha256=HEX`, or the same string in an
 * API request). The value is hex or base64 (standard or url-safe) of the algorithm's exact length.
 * Throws an INVALID_INPUT DownloadError that says what is wrong.
 */
export function parseChecksumArgument(text: string): ExpectedChecksum {
  const trimmed = text.trim();
  const separator = trimmed.indexOf('=');
  if (separator <= 0) {
    throw invalid(`checksum "${text}" is not ALGORITHM=VALUE (for example sha256=<hex>)`);
  }
  const name = trimmed.slice(0, separator).trim();
  const value = trimmed.slice(separator + 1).trim();
  const algorithm = parseAlgorithmName(name);
  if (algorithm === undefined) {
    throw invalid(`unknown checksum algorithm "${name}" (use md5, sha1, sha256, sha512 or crc32c)`);
  }
  const hex = decodeDigestValue(algorithm, value);
  if (hex === undefined) {
    const bytes = DIGEST_BYTE_LENGTH[algorithm];
    throw invalid(
      `${algorithm} checksum "${value}" is not ${bytes * 2} hex digits or base64 of ${bytes} bytes`,
    );
  }
  return { algorithm, hex };
}

function invalid(message: string): DownloadError {
  return new DownloadError('INVALID_INPUT', message);
}
