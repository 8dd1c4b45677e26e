import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import { decodeDigestValue, parseChecksumArgument } from '../../src-main/engine/integrity/checksum-text';

const content = Buffer.from('the bytes the user downloads');
const sha256 = createHash('sha256').update(content).digest();
const md5 = createHash('md5').update(content).digest();
const sha1 = createHash('sha1').update(content).digest();
const sha512 = createHash('sha512').update(content).digest();

function invalidInputMessage(text: string): string {
  try {
    parseChecksumArgument(text);
  } catch (err) {
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).code).toBe('INVALID_INPUT');
    expect((err as DownloadError).retryable).toBe(false);
    return (err as DownloadError).message;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseChecksumArgument', () => {
  it('accepts sha256=HEX in either case and returns lower-case hex', () => {
    const hex = sha256.toString('hex');
    expect(parseChecksumArgument(`sha256=${hex.toUpperCase()}`)).toEqual({
      algorithm: 'sha256',
      hex,
    });
  });

  it('accepts the hyphenated and upper-case algorithm names', () => {
    const hex = sha256.toString('hex');
    expect(parseChecksumArgument(`SHA-256=${hex}`)).toEqual({ algorithm: 'sha256', hex });
    expect(parseChecksumArgument(`sha-1=${sha1.toString('hex')}`).algorithm).toBe('sha1');
    expect(parseChecksumArgument(`SHA-512=${sha512.toString('hex')}`).algorithm).toBe('sha512');
  });

  it('accepts standard base64, with and without padding, as the same digest as hex', () => {
    const expected = { algorithm: 'md5', hex: md5.toString('hex') };
    const padded = md5.toString('base64');
    expect(padded.endsWith('==')).toBe(true);
    expect(parseChecksumArgument(`md5=${padded}`)).toEqual(expected);
    expect(parseChecksumArgument(`md5=${padded.replace(/=+$/, '')}`)).toEqual(expected);
  });

  it('accepts url-safe base64', () => {
    // Find a digest whose base64 needs '+' or '/', so the url-safe form really differs.
    let bytes = sha512;
    for (let i = 0; !/[+/]/.test(bytes.toString('base64')); i++) {
      bytes = createHash('sha512').update(`${i}`).digest();
    }
    expect(parseChecksumArgument(`sha512=${bytes.toString('base64url')}`)).toEqual({
      algorithm: 'sha512',
      hex: bytes.toString('hex'),
    });
  });

  it('accepts a crc32c as 8 hex digits or base64 of 4 bytes', () => {
    expect(parseChecksumArgument('crc32c=E3069283')).toEqual({
      algorithm: 'crc32c',
      hex: 'e3069283',
    });
    expect(parseChecksumArgument('crc32c=4waSgw==')).toEqual({
      algorithm: 'crc32c',
      hex: 'e3069283',
    });
  });

  it('rejects a hex value of another algorithm’s length', () => {
    const message = invalidInputMessage(`sha256=${md5.toString('hex')}`);
    expect(message).toContain('64 hex digits');
  });

  it('rejects base64 that decodes to the wrong number of bytes', () => {
    invalidInputMessage(`sha1=${md5.toString('base64')}`);
  });

  it('rejects mixed base64 alphabets, bad padding and stray characters', () => {
    const b64 = sha256.toString('base64');
    invalidInputMessage(`sha256=${b64.slice(0, -2)}-_`);
    invalidInputMessage(`sha256=${b64}==`);
    invalidInputMessage(`sha256=${sha256.toString('hex').slice(0, -1)}g`);
    invalidInputMessage(`sha256= ${sha256.toString('hex').slice(0, 32)} ${sha256.toString('hex').slice(32)}`);
  });

  it('rejects an unknown algorithm and says which ones exist', () => {
    const message = invalidInputMessage(`crc32=${'0'.repeat(8)}`);
    expect(message).toContain('unknown checksum algorithm "crc32"');
    expect(message).toContain('crc32c');
  });

  it('rejects text without ALGORITHM=VALUE', () => {
    invalidInputMessage(sha256.toString('hex'));
    invalidInputMessage(`=${sha256.toString('hex')}`);
    invalidInputMessage('sha256=');
  });
});

describe('decodeDigestValue', () => {
  it('turns hex and base64 into the same lower-case hex', () => {
    const hex = sha1.toString('hex');
    expect(decodeDigestValue('sha1', hex.toUpperCase())).toBe(hex);
    expect(decodeDigestValue('sha1', sha1.toString('base64'))).toBe(hex);
  });

  it('returns undefined for base64 whose unused bits are set', () => {
    // 'AAAAAB==' would decode to the same 4 bytes as 'AAAAAA==' if stray bits were ignored.
    expect(decodeDigestValue('crc32c', 'AAAAAA==')).toBe('00000000');
    expect(decodeDigestValue('crc32c', 'AAAAAB==')).toBeUndefined();
  });

  it('returns undefined for an empty value', () => {
    expect(decodeDigestValue('md5', '')).toBeUndefined();
  });
});
