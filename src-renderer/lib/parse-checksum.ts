// Parses the expected checksum typed in the add options, e.g. `sha256=9f86d0…`.
import { DIGEST_HEX_LENGTH as HEX_LENGTH } from '../../src-shared/download-types';
import type { DigestAlgorithm, ExpectedChecksum } from '../../src-shared/download-types';

export type ChecksumParse = { ok: true; value: ExpectedChecksum | null } | { ok: false; message: string };

/** Empty input means no checksum. Accepts `algorithm=hex` or `algorithm:hex`, any case. */
export function parseChecksum(input: string): ChecksumParse {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  const match = /^([a-z0-9-]+)\s*[=:]\s*([0-9a-f]+)$/i.exec(text);
  if (match === null) {
    return { ok: false, message: 'Write the checksum as algorithm=hex, for example sha256=9f86d08…' };
  }
  const algorithm = match[1].toLowerCase().replace('-', '');
  if (!isDigestAlgorithm(algorithm)) {
    return {
      ok: false,
      message: `Unknown algorithm "${match[1]}". Use md5, sha1, sha256, sha512 or crc32c.`,
    };
  }
  const hex = match[2].toLowerCase();
  if (hex.length !== HEX_LENGTH[algorithm]) {
    return {
      ok: false,
      message: `A ${algorithm} checksum has ${HEX_LENGTH[algorithm]} hex digits; this one has ${hex.length}.`,
    };
  }
  return { ok: true, value: { algorithm, hex } };
}

function isDigestAlgorithm(value: string): value is DigestAlgorithm {
  return Object.prototype.hasOwnProperty.call(HEX_LENGTH, value);
}
