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
  'NOT_ENOUGH_SPACE',
  'FILE_TOO_LARGE',
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

  it('says how much a download needs, how much is free and where', () => {
    const text = describeError({
      code: 'NOT_ENOUGH_SPACE',
      message: 'not enough free space in /mnt/small',
      space: {
        directory: '/mnt/small',
        neededBytes: 3 * 1024 ** 3,
        availableBytes: 512 * 1024 ** 2,
        keepFreeBytes: 1024 ** 2,
      },
    });
    expect(text.headline).toBe(
      'This download needs 3.0 GiB more, but only 512 MiB is free in /mnt/small. Free some space or choose another folder, then resume: nothing downloaded so far is lost.',
    );
  });

  it('says a stream of unknown length stopped to keep the margin free', () => {
    const text = describeError({
      code: 'NOT_ENOUGH_SPACE',
      message: 'stopped to keep 16.0 MiB free',
      space: { directory: '/mnt/small', availableBytes: 16 * 1024 ** 2, keepFreeBytes: 16 * 1024 ** 2 },
    });
    expect(text.headline).toContain('stopped to keep 16.0 MiB free in /mnt/small (16.0 MiB free)');
    expect(text.headline).toContain('did not say how large the file is');
  });

  it('names the file size and the size limit it is over', () => {
    const known = describeError({
      code: 'FILE_TOO_LARGE',
      message: 'the file is 3.0 GiB',
      sizeCap: { capBytes: 1024 ** 3, fileBytes: 3 * 1024 ** 3 },
    });
    expect(known.headline).toBe(
      'The file is 3.0 GiB, more than your size limit of 1.0 GiB. Raise the limit in Settings (Largest file), then retry.',
    );
    const unknown = describeError({
      code: 'FILE_TOO_LARGE',
      message: 'more',
      sizeCap: { capBytes: 1024 ** 3 },
    });
    expect(unknown.headline).toMatch(/^The server sent more than your size limit of 1\.0 GiB\./);
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
