import { describe, expect, it } from 'vitest';
import type { AddDownloadOptions } from '../../src-shared/download-types';
import { DownloadError } from '../../src-main/engine/errors';
import { validateAddOptions, validateUrl } from '../../src-main/engine/add-options';

const URL = 'http://127.0.0.1:8080/a.bin';
const SHA256_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof DownloadError) return err.code;
    throw err;
  }
  return undefined;
}

/** Callers are untrusted: feed values the types would not allow. */
function add(options: Record<string, unknown>): AddDownloadOptions {
  return validateAddOptions({ url: URL, ...options } as unknown as AddDownloadOptions);
}

describe('validateUrl', () => {
  it('accepts http and https URLs, trimmed and normalised', () => {
    expect(validateUrl('  https://Example.COM/a b.zip  ')).toBe('https://example.com/a%20b.zip');
    expect(validateUrl(URL)).toBe(URL);
  });

  it.each(['ftp://example.com/a', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi'])(
    'refuses %s',
    (url) => {
      expect(codeOf(() => validateUrl(url))).toBe('INVALID_URL');
    },
  );

  it('refuses text that is not a URL, a non-string, and absurdly long input', () => {
    expect(codeOf(() => validateUrl('not a url'))).toBe('INVALID_URL');
    expect(codeOf(() => validateUrl(42))).toBe('INVALID_URL');
    expect(codeOf(() => validateUrl(`http://a/${'x'.repeat(9000)}`))).toBe('INVALID_URL');
  });
});

describe('validateAddOptions', () => {
  it('keeps valid options and nothing else', () => {
    const valid = add({
      directory: '/tmp/downloads',
      fileName: 'b.bin',
      connections: 4,
      chunkSizeBytes: 1024 * 1024,
      checksums: [{ algorithm: 'sha256', hex: SHA256_EMPTY.toUpperCase() }],
      restart: true,
      extra: 'ignored',
    });
    expect(valid).toEqual({
      url: URL,
      directory: '/tmp/downloads',
      fileName: 'b.bin',
      connections: 4,
      chunkSizeBytes: 1024 * 1024,
      checksums: [{ algorithm: 'sha256', hex: SHA256_EMPTY }],
      restart: true,
    });
  });

  it('accepts an expected checksum given as base64', () => {
    const base64 = Buffer.from(SHA256_EMPTY, 'hex').toString('base64');
    expect(add({ checksums: [{ algorithm: 'sha256', hex: base64 }] }).checksums).toEqual([
      { algorithm: 'sha256', hex: SHA256_EMPTY },
    ]);
  });

  it('treats a blank file name as "derive it from the server"', () => {
    expect(add({ fileName: '   ' })).toEqual({ url: URL });
  });

  it.each([
    ['connections 0', { connections: 0 }],
    ['connections 33', { connections: 33 }],
    ['connections 2.5', { connections: 2.5 }],
    ['connections "4"', { connections: '4' }],
    ['a chunk size below 16 KiB', { chunkSizeBytes: 1000 }],
    ['a negative chunk size', { chunkSizeBytes: -1 }],
    ['an empty directory', { directory: '' }],
    ['a directory with a NUL byte', { directory: '/tmp/\0x' }],
    ['a file name that is not text', { fileName: 5 }],
    ['a file name of 2000 characters', { fileName: 'x'.repeat(2000) }],
    ['restart "yes"', { restart: 'yes' }],
  ])('refuses %s', (_, options) => {
    expect(codeOf(() => add(options))).toBe('INVALID_INPUT');
  });

  it('accepts the connection and chunk size bounds', () => {
    expect(add({ connections: 1 }).connections).toBe(1);
    expect(add({ connections: 32 }).connections).toBe(32);
    expect(add({ chunkSizeBytes: 0 }).chunkSizeBytes).toBe(0);
    expect(add({ chunkSizeBytes: 64 * 1024 }).chunkSizeBytes).toBe(64 * 1024);
    expect(() => add({ chunkSizeBytes: 64 * 1024 - 1 })).toThrow(/at least 64 KiB/);
  });

  it.each([
    ['not a list', 'sha256=abc'],
    ['more than 10', Array.from({ length: 11 }, () => ({ algorithm: 'sha256', hex: SHA256_EMPTY }))],
    ['an unknown algorithm', [{ algorithm: 'sha3', hex: SHA256_EMPTY }]],
    ['a value of the wrong length', [{ algorithm: 'sha256', hex: SHA256_EMPTY.slice(2) }]],
    ['a value that is not hex or base64', [{ algorithm: 'md5', hex: 'z'.repeat(32) }]],
    ['a missing entry', [null]],
  ])('refuses checksums that are %s', (_, checksums) => {
    expect(codeOf(() => add({ checksums }))).toBe('INVALID_INPUT');
  });

  it('refuses a bad URL as INVALID_URL before looking at anything else', () => {
    expect(codeOf(() => add({ url: 'ftp://x/y', connections: 0 }))).toBe('INVALID_URL');
  });
});
