import { describe, expect, it } from 'vitest';
import { parseHeaderLine, parseHeaderLines } from '../../src-shared/header-lines';

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
    expect(parseHeaderLine('Bad Name: x')).toMatchObject({ ok: false, message: /not a valid header name/ });
    expect(parseHeaderLine('X-A: one\u0000two')).toMatchObject({ ok: false, message: /one line/ });
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
