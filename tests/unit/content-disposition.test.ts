import { describe, expect, it } from 'vitest';
import { fileNameFromContentDisposition } from '../../src-main/engine/naming/content-disposition';

/** What Node's http client hands over for a header sent as raw UTF-8 bytes. */
function asLatin1Header(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

describe('fileNameFromContentDisposition', () => {
  it('reads a token file name', () => {
    expect(fileNameFromContentDisposition('attachment; filename=report.pdf')).toBe('report.pdf');
  });

  it('reads a quoted file name with backslash escapes', () => {
    expect(fileNameFromContentDisposition('attachment; filename="my \\"best\\" file.txt"')).toBe(
      'my "best" file.txt',
    );
    expect(fileNameFromContentDisposition('attachment; filename="a;b=c.txt"; size=3')).toBe('a;b=c.txt');
  });

  it('matches parameter names case-insensitively and ignores other parameters', () => {
    expect(fileNameFromContentDisposition('ATTACHMENT; Size=10; FileName="x.bin"; creation-date=x')).toBe(
      'x.bin',
    );
    expect(fileNameFromContentDisposition('inline; filename = "spaced.txt" ')).toBe('spaced.txt');
  });

  it('prefers filename* over filename, in either order', () => {
    expect(
      fileNameFromContentDisposition(
        `attachment; filename="EURO rates.txt"; filename*=UTF-8''%e2%82%ac%20rates.txt`,
      ),
    ).toBe('€ rates.txt');
    expect(
      fileNameFromContentDisposition(
        `attachment; filename*=UTF-8''%e2%82%ac%20rates.txt; filename="EURO rates.txt"`,
      ),
    ).toBe('€ rates.txt');
  });

  it('decodes filename* in ISO-8859-1 and with a language tag', () => {
    expect(fileNameFromContentDisposition(`attachment; filename*=iso-8859-1'en'%A3%20rates.txt`)).toBe(
      '£ rates.txt',
    );
    expect(fileNameFromContentDisposition(`attachment; filename*=utf-8'zh-Hans'%E6%96%87%E4%BB%B6.zip`)).toBe(
      '文件.zip',
    );
  });

  it('tolerates a quoted filename*', () => {
    expect(fileNameFromContentDisposition(`attachment; filename*="UTF-8''na%C3%AFve.txt"`)).toBe('naïve.txt');
  });

  it('falls back to filename when filename* cannot be decoded', () => {
    const fallbacks = [
      `attachment; filename*=UTF-8''%E2%82.txt; filename="fallback.txt"`,
      `attachment; filename*=UTF-8''%ZZ.txt; filename="fallback.txt"`,
      `attachment; filename*=KOI8-R''%C6.txt; filename="fallback.txt"`,
      `attachment; filename*=no-quotes.txt; filename="fallback.txt"`,
    ];
    for (const header of fallbacks) expect(fileNameFromContentDisposition(header)).toBe('fallback.txt');
  });

  it('reads raw UTF-8 in a plain filename as browsers do', () => {
    expect(fileNameFromContentDisposition(asLatin1Header('attachment; filename="résumé.pdf"'))).toBe(
      'résumé.pdf',
    );
    expect(fileNameFromContentDisposition(asLatin1Header('attachment; filename=日本語.txt'))).toBe(
      '日本語.txt',
    );
  });

  it('keeps Latin-1 text that is not valid UTF-8', () => {
    expect(fileNameFromContentDisposition('attachment; filename="caf\u00e9.txt"')).toBe('café.txt');
  });

  it('decodes percent-encoded UTF-8 in a plain filename, and keeps a lone percent sign', () => {
    expect(fileNameFromContentDisposition('attachment; filename="%E4%BD%A0%E5%A5%BD.txt"')).toBe('你好.txt');
    expect(fileNameFromContentDisposition('attachment; filename="100% real.txt"')).toBe('100% real.txt');
    expect(fileNameFromContentDisposition('attachment; filename="bad%FF.txt"')).toBe('bad%FF.txt');
  });

  it('returns hostile names unchanged for the sanitiser to deal with', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe(
      '../../etc/passwd',
    );
  });

  it.each([
    undefined,
    '',
    'attachment',
    'inline',
    'attachment; filename=',
    'attachment; filename=""',
    'attachment; filename="unterminated.txt',
    "attachment; filename*=UTF-8''%E2%82",
    ';;;==;',
  ])('finds no name in %j', (header) => {
    expect(fileNameFromContentDisposition(header)).toBeUndefined();
  });
});
