import { describe, expect, it } from 'vitest';
import {
  checkExtraHeaders,
  isEngineOwnedHeader,
  parseHeaderLine,
  parseHeaderLines,
} from '../../src-shared/request-headers';

describe('parseHeaderLine', () => {
  it('reads Name: value with the value trimmed and colons inside it kept', () => {
    expect(parseHeaderLine('Referer:  https://example.com/page?a=1 ')).toEqual({
      ok: true,
      value: ['Referer', 'https://example.com/page?a=1'],
    });
    expect(parseHeaderLine('X-Empty:')).toEqual({ ok: true, value: ['X-Empty', ''] });
  });

  it('refuses lines without a name, names with spaces, and values with control characters', () => {
    expect(parseHeaderLine('no colon here')).toMatchObject({ ok: false, message: /write Name: value/ });
    expect(parseHeaderLine(': value')).toMatchObject({ ok: false });
    expect(parseHeaderLine('Bad Name: x')).toMatchObject({ ok: false, message: /not a header name/ });
    expect(parseHeaderLine('X-A: one\u0000two')).toMatchObject({ ok: false, message: /control character/ });
  });

  it('tells the user to remove a header the engine sets itself', () => {
    for (const name of ['Range', 'if-range', 'If-None-Match', 'Accept-Encoding', 'Host', 'Connection']) {
      expect(parseHeaderLine(`${name}: x`)).toMatchObject({ ok: false, message: /sets .* itself/ });
    }
  });
});

describe('parseHeaderLines', () => {
  it('skips blank lines and joins repeated names: cookies with ";", others with ","', () => {
    expect(parseHeaderLines(['Cookie: a=1', '', 'cookie: b=2', 'Accept: text/html', 'ACCEPT: */*'])).toEqual({
      ok: true,
      value: { Cookie: 'a=1; b=2', Accept: 'text/html, */*' },
    });
  });

  it('stops at the first bad line with its reason', () => {
    expect(parseHeaderLines(['Cookie: a=1', 'oops'])).toMatchObject({ ok: false, message: /"oops"/ });
  });
});

describe('checkExtraHeaders', () => {
  it("keeps a caller's headers but drops the ones the engine owns", () => {
    expect(
      checkExtraHeaders({
        Authorization: 'Bearer t',
        Range: 'bytes=5-',
        'If-Range': 'x',
        'User-Agent': 'UA',
      }),
    ).toEqual({ ok: true, value: { Authorization: 'Bearer t', 'User-Agent': 'UA' } });
  });

  it('refuses values that are not text, request splitting, and oversized headers', () => {
    expect(checkExtraHeaders({ 'X-A': 5 })).toMatchObject({ ok: false, message: /must be text/ });
    expect(checkExtraHeaders({ 'X-A': 'a\r\nHost: evil' })).toMatchObject({ ok: false });
    expect(checkExtraHeaders({ 'X-A': 'x'.repeat(9000) })).toMatchObject({ ok: false, message: /8 KiB/ });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`X-${i}`, 'v']));
    expect(checkExtraHeaders(many)).toMatchObject({ ok: false, message: /at most 50/ });
  });

  it('names the engine-owned headers, If-* included', () => {
    expect(isEngineOwnedHeader('If-Modified-Since')).toBe(true);
    expect(isEngineOwnedHeader('Transfer-Encoding')).toBe(true);
    expect(isEngineOwnedHeader('Cookie')).toBe(false);
  });
});
