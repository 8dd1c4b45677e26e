import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src-shared/download-types';
import { describeError } from '../../src-renderer/lib/error-text';

const EVERY_CODE: ErrorCode[] = [
  'INVALID_URL',
  'INVALID_INPUT',
  'HTTP_STATUS',
  'RANGE_UNSUPPORTED',
  'CONTENT_RANGE_MISMATCH',
  'REMOTE_CHANGED',
  'NETWORK',
  'TIMEOUT',
  'TOO_MANY_REDIRECTS',
  'DISK_FULL',
  'FILE_SYSTEM',
  'INTEGRITY_MISMATCH',
  'JOURNAL_INVALID',
  'ABORTED',
  'NOT_FOUND',
  'INTERNAL',
];

describe('errors in human words', () => {
  it('says a 404 means the file does not exist and to check the link, with the code as the detail', () => {
    const text = describeError({ code: 'HTTP_STATUS', message: 'the server answered HTTP 404', status: 404 });
    expect(text.headline).toBe('The server says this file does not exist (404). Check the link.');
    expect(text.detail).toBe('HTTP_STATUS · HTTP 404 · the server answered HTTP 404');
  });

  it.each([
    [403, 'refuses access'],
    [401, 'refuses access'],
    [410, 'does not exist'],
    [429, 'limiting requests'],
    [503, 'had a problem (503). Retry later.'],
    [400, 'refused the request (400)'],
  ])('explains HTTP %i in words', (status, words) => {
    expect(describeError({ code: 'HTTP_STATUS', message: `HTTP ${status}`, status }).headline).toContain(
      words,
    );
  });

  it('names the host that could not be found', () => {
    const text = describeError(
      { code: 'NETWORK', message: 'host not found (ENOTFOUND)' },
      { url: 'https://no-such-host.invalid/file.iso' },
    );
    expect(text.headline).toBe(
      'The server name no-such-host.invalid could not be found. Check the link and your internet connection.',
    );
  });

  it('says which disk is full and that the data is kept', () => {
    const text = describeError(
      { code: 'DISK_FULL', message: 'the disk is full while writing /mnt/small/big.iso.part' },
      { directory: '/mnt/small' },
    );
    expect(text.headline).toBe(
      'The disk is full at /mnt/small. Free some space, then resume: the data downloaded so far is kept.',
    );
  });

  it('offers both fixes for a checksum mismatch and names where the expected value came from', () => {
    const fromUser = describeError({
      code: 'INTEGRITY_MISMATCH',
      message: 'integrity mismatch: sha256 expected aa got bb (source: user)',
    });
    expect(fromUser.headline).toBe(
      'The downloaded file does not match the checksum you gave. Correct the expected checksum, or download the file again.',
    );
    const fromServer = describeError({
      code: 'INTEGRITY_MISMATCH',
      message: 'integrity mismatch: md5 expected aa got bb (source: Content-MD5)',
    });
    expect(fromServer.headline).toContain("the server's checksum (Content-MD5)");
  });

  it.each(EVERY_CODE)('gives %s a sentence that is not the engine message or the code', (code) => {
    const message = 'engine words';
    const { headline, detail } = describeError({ code, message });
    expect(headline).toMatch(/^[A-Z].*\.$/);
    expect(headline).not.toContain(code);
    expect(detail).toContain(code);
    expect(`${headline} ${detail}`.toLowerCase()).toContain(message);
  });

  it('keeps a sentence the app wrote itself, and makes engine wording start like a sentence', () => {
    expect(
      describeError({ code: 'INVALID_URL', message: 'No link found in the pasted text.' }).headline,
    ).toBe('No link found in the pasted text.');
    expect(describeError({ code: 'INVALID_INPUT', message: 'fileName must name a file' }).headline).toBe(
      'FileName must name a file.',
    );
    expect(describeError({ code: 'SOMETHING_NEW', message: 'a new failure' }).headline).toBe(
      'A new failure.',
    );
  });
});
