import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import { checkRangeResponse, statusError, type RangeAsked } from '../../src-main/engine/plan/response-check';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ETAG = '"v1"';
const LAST_MODIFIED = 'Wed, 31 Dec 2025 10:00:00 GMT';
const ASKED: RangeAsked = { position: 1000, end: 1999, totalBytes: 10_000, etag: ETAG };

function ranged(contentRange: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-range': contentRange, etag: ETAG, ...extra };
}

/** A placement of the exact range asked for, written up to `end`. */
function at(end: number) {
  return { skipBytes: 0, end };
}

function failureOf(run: () => unknown): DownloadError {
  try {
    run();
  } catch (err) {
    if (err instanceof DownloadError) return err;
    throw err;
  }
  throw new Error('expected a DownloadError');
}

describe('checkRangeResponse: 206', () => {
  it('accepts exactly the range asked for and returns its last offset', () => {
    expect(checkRangeResponse(206, ranged('bytes 1000-1999/10000'), ASKED, NOW)).toEqual(at(1999));
  });

  it('accepts a shorter body that starts at the right offset (the rest is fetched again)', () => {
    expect(checkRangeResponse(206, ranged('bytes 1000-1499/10000'), ASKED, NOW)).toEqual(at(1499));
  });

  it('accepts an unknown total ("*")', () => {
    expect(checkRangeResponse(206, ranged('bytes 1000-1999/*'), ASKED, NOW)).toEqual(at(1999));
  });

  it.each([
    ['starts elsewhere', 'bytes 0-999/10000'],
    ['starts one byte late', 'bytes 1001-1999/10000'],
    ['is missing', undefined],
    ['is unreadable', 'bytes=1000-1999'],
    ['is unsatisfied', 'bytes */10000'],
  ])('refuses a body whose Content-Range %s, as a retryable mismatch', (_, contentRange) => {
    const headers: Record<string, string> = { etag: ETAG };
    if (contentRange !== undefined) headers['content-range'] = contentRange;
    const error = failureOf(() => checkRangeResponse(206, headers, ASKED, NOW));
    expect(error).toMatchObject({ code: 'CONTENT_RANGE_MISMATCH', retryable: true, status: 206 });
  });

  it('refuses a Content-Length that disagrees with the Content-Range', () => {
    const headers = ranged('bytes 1000-1999/10000', { 'content-length': '999' });
    expect(failureOf(() => checkRangeResponse(206, headers, ASKED, NOW)).code).toBe('CONTENT_RANGE_MISMATCH');
    expect(checkRangeResponse(206, { ...headers, 'content-length': '1000' }, ASKED, NOW)).toEqual(at(1999));
  });

  it('reports a different total size as a changed remote file, not retryable', () => {
    const error = failureOf(() => checkRangeResponse(206, ranged('bytes 1000-1999/20000'), ASKED, NOW));
    expect(error).toMatchObject({ code: 'REMOTE_CHANGED', retryable: false });
  });

  it('reports a different ETag as a changed remote file', () => {
    const headers = ranged('bytes 1000-1999/10000', { etag: '"v2"' });
    expect(failureOf(() => checkRangeResponse(206, headers, ASKED, NOW)).code).toBe('REMOTE_CHANGED');
  });

  it('compares Last-Modified only when the download has no ETag', () => {
    const asked: RangeAsked = { ...ASKED, etag: undefined, lastModified: LAST_MODIFIED };
    const changed = {
      'content-range': 'bytes 1000-1999/10000',
      'last-modified': 'Thu, 01 Jan 2026 00:00:00 GMT',
    };
    expect(failureOf(() => checkRangeResponse(206, changed, asked, NOW)).code).toBe('REMOTE_CHANGED');
    const same = { ...changed, 'last-modified': LAST_MODIFIED };
    expect(checkRangeResponse(206, same, asked, NOW)).toEqual(at(1999));
    // With an ETag that matches, a new Last-Modified alone (e.g. a touched file) is not a change.
    const withEtag = { ...changed, etag: ETAG };
    expect(checkRangeResponse(206, withEtag, { ...asked, etag: ETAG }, NOW)).toEqual(at(1999));
  });

  it('tolerates a response without validators', () => {
    expect(checkRangeResponse(206, { 'content-range': 'bytes 1000-1999/10000' }, ASKED, NOW)).toEqual(
      at(1999),
    );
  });

  it('refuses a compressed ranged body, whose bytes are not the file’s bytes', () => {
    const headers = ranged('bytes 1000-1999/10000', { 'content-encoding': 'gzip' });
    expect(failureOf(() => checkRangeResponse(206, headers, ASKED, NOW))).toMatchObject({
      code: 'RANGE_UNSUPPORTED',
      retryable: false,
    });
    expect(checkRangeResponse(206, { ...headers, 'content-encoding': 'identity' }, ASKED, NOW)).toEqual(
      at(1999),
    );
  });
});

describe('checkRangeResponse: other statuses', () => {
  it('reports a 200 for the same file as a server that ignores ranges', () => {
    const headers = { etag: ETAG, 'content-length': '10000' };
    expect(failureOf(() => checkRangeResponse(200, headers, ASKED, NOW))).toMatchObject({
      code: 'RANGE_UNSUPPORTED',
      retryable: false,
      status: 200,
    });
  });

  it('reports a 200 with another size or ETag as a changed remote file', () => {
    const resized = { etag: ETAG, 'content-length': '12345' };
    expect(failureOf(() => checkRangeResponse(200, resized, ASKED, NOW)).code).toBe('REMOTE_CHANGED');
    const retagged = { etag: '"v2"', 'content-length': '10000' };
    expect(failureOf(() => checkRangeResponse(200, retagged, ASKED, NOW)).code).toBe('REMOTE_CHANGED');
  });

  it('turns an error status into HTTP_STATUS with the server’s Retry-After', () => {
    const error = failureOf(() => checkRangeResponse(503, { 'retry-after': '7' }, ASKED, NOW));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryable: true, retryAfterMs: 7000 });
  });

  it('does not retry a 404 and ignores its Retry-After', () => {
    const error = failureOf(() => checkRangeResponse(404, { 'retry-after': '7' }, ASKED, NOW));
    expect(error).toMatchObject({
      code: 'HTTP_STATUS',
      status: 404,
      retryable: false,
      retryAfterMs: undefined,
    });
  });
});

describe('statusError', () => {
  it('carries the status in the message and in ErrorInfo', () => {
    const error = statusError(429, {}, NOW);
    expect(error.message).toContain('429');
    expect(error.toInfo()).toEqual({
      code: 'HTTP_STATUS',
      message: error.message,
      retryable: true,
      status: 429,
    });
  });
});
