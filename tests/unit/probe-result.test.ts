import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import type { ResponseMeta } from '../../src-main/engine/fetch/worker-protocol';
import { identityOf, interpretProbe } from '../../src-main/engine/plan/probe-result';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const URL = 'http://127.0.0.1:8080/files/video.mp4';

function meta(status: number, headers: Record<string, string> = {}): ResponseMeta {
  return { status, finalUrl: URL, headers };
}

describe('interpretProbe', () => {
  it('plans a ranged download from a 206 with a known total', () => {
    const result = interpretProbe(meta(206, { 'content-range': 'bytes 0-999/5000', etag: '"abc"' }), NOW);
    expect(result).toEqual({ kind: 'ranged', totalBytes: 5000, finalUrl: URL, etag: '"abc"' });
  });

  it('streams from the probe when the 206 does not say the total', () => {
    expect(interpretProbe(meta(206, { 'content-range': 'bytes 0-999/*' }), NOW)).toMatchObject({
      kind: 'single',
      reuseProbe: true,
    });
  });

  it.each([
    ['does not start at zero', { 'content-range': 'bytes 10-999/5000' }],
    ['has no Content-Range', {}],
    ['is compressed', { 'content-range': 'bytes 0-999/5000', 'content-encoding': 'br' }],
  ])('falls back to one fresh plain GET when the 206 %s', (_, headers) => {
    expect(interpretProbe(meta(206, headers), NOW)).toMatchObject({ kind: 'single', reuseProbe: false });
  });

  it('streams a 200 from the probe with its Content-Length as the size', () => {
    expect(interpretProbe(meta(200, { 'content-length': '4096' }), NOW)).toMatchObject({
      kind: 'single',
      totalBytes: 4096,
      reuseProbe: true,
    });
  });

  it('does not trust the length of a compressed 200 or an unreadable one', () => {
    const gzip = interpretProbe(meta(200, { 'content-length': '4096', 'content-encoding': 'gzip' }), NOW);
    expect(gzip).toMatchObject({ kind: 'single', totalBytes: undefined });
    for (const length of ['12abc', '-1', '1e3', '99999999999999999999']) {
      expect(interpretProbe(meta(200, { 'content-length': length }), NOW)).toMatchObject({
        kind: 'single',
        totalBytes: undefined,
      });
    }
  });

  it('recognises an empty file from a 200 with length 0 or a 416 for */0', () => {
    expect(interpretProbe(meta(200, { 'content-length': '0' }), NOW).kind).toBe('empty');
    expect(interpretProbe(meta(416, { 'content-range': 'bytes */0' }), NOW).kind).toBe('empty');
  });

  it('does not trust ranges on a server that cannot satisfy bytes=0- of a non-empty file', () => {
    expect(interpretProbe(meta(416, { 'content-range': 'bytes */100' }), NOW)).toMatchObject({
      kind: 'single',
      reuseProbe: false,
    });
  });

  it('fails with the HTTP status otherwise', () => {
    let caught: unknown;
    try {
      interpretProbe(meta(503, { 'retry-after': '2' }), NOW);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DownloadError);
    expect(caught).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryable: true, retryAfterMs: 2000 });
    expect(() => interpretProbe(meta(404), NOW)).toThrow(/404/);
  });
});

describe('identityOf', () => {
  it('keeps the validators and the suggested name that identify the remote file', () => {
    const headers = {
      etag: ' "strong" ',
      'last-modified': 'Wed, 31 Dec 2025 10:00:00 GMT',
      'content-disposition': 'attachment; filename="a.bin"',
    };
    expect(identityOf(meta(200, headers))).toEqual({
      finalUrl: URL,
      etag: '"strong"',
      lastModified: 'Wed, 31 Dec 2025 10:00:00 GMT',
      contentDisposition: 'attachment; filename="a.bin"',
    });
  });

  it('drops a weak ETag, which cannot validate byte ranges', () => {
    expect(identityOf(meta(200, { etag: 'W/"weak"' }))).toEqual({ finalUrl: URL });
  });
});
