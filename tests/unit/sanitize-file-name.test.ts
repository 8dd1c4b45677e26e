import { describe, expect, it } from 'vitest';
import {
  alternativeFileName,
  chooseFileName,
  MAX_NAME_BYTES,
  sanitizeFileName,
} from '../../src-main/engine/naming/sanitize-file-name';

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

describe('sanitizeFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(sanitizeFileName('holiday photo.jpg')).toBe('holiday photo.jpg');
    expect(sanitizeFileName('日本語のファイル.txt')).toBe('日本語のファイル.txt');
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\win.ini', 'win.ini'],
    ['/absolute/path/file.bin', 'file.bin'],
    ['C:\\Windows\\System32\\evil.dll', 'evil.dll'],
    ['folder/', 'download'],
    ['dir/..', 'download'],
  ])('strips directories from %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it.each(['', '.', '..', '...', '   ', '/', '\\', '\u0000', '\u202E'])(
    'falls back to "download" for %j',
    (raw) => {
      expect(sanitizeFileName(raw)).toBe('download');
    },
  );

  it('removes NUL bytes and other control characters', () => {
    expect(sanitizeFileName('report\u0000.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('a\tb\nc\r\u001b[31m\u007f\u0085d.txt')).toBe('abc[31md.txt');
  });

  it('removes the right-to-left override that disguises an executable', () => {
    const name = sanitizeFileName('evil\u202Egpj.exe');
    expect(name).toBe('evilgpj.exe');
    expect(name.endsWith('.exe')).toBe(true);
  });

  it('removes every BiDi and zero-width format character', () => {
    const hidden =
      '\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF';
    expect(sanitizeFileName(`in${hidden}voice.pdf`)).toBe('invoice.pdf');
  });

  it('replaces characters Windows forbids', () => {
    expect(sanitizeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
  });

  it('does not let a leading dot hide the file', () => {
    expect(sanitizeFileName('.bashrc')).toBe('bashrc');
    expect(sanitizeFileName('...hidden.txt')).toBe('hidden.txt');
  });

  it('drops trailing dots and spaces that Windows would silently remove', () => {
    expect(sanitizeFileName('report.pdf...')).toBe('report.pdf');
    expect(sanitizeFileName('report.pdf . . ')).toBe('report.pdf');
  });

  it.each([
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['CON.txt', '_CON.txt'],
    ['Nul.tar.gz', '_Nul.tar.gz'],
    ['com1', '_com1'],
    ['LPT9.log', '_LPT9.log'],
    ['aux .txt', '_aux .txt'],
  ])('prefixes the reserved Windows name %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it.each(['CONSOLE.txt', 'com10', 'lpt0', 'nullable', 'my CON.txt'])('leaves %j alone', (raw) => {
    expect(sanitizeFileName(raw)).toBe(raw);
  });

  it('normalises to NFC so the same name is always the same file', () => {
    expect(sanitizeFileName('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('shortens a 300-byte multibyte name without splitting a character, keeping the extension', () => {
    const raw = `${'é'.repeat(148)}.txt`; // 296 + 4 bytes
    const name = sanitizeFileName(raw);
    expect(utf8Bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name.endsWith('.txt')).toBe(true);
    expect(name).toBe(`${'é'.repeat(116)}.txt`);
    expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
  });

  it('shortens four-byte characters on a code-point boundary', () => {
    const name = sanitizeFileName('😀'.repeat(75));
    expect(utf8Bytes(name)).toBe(236);
    expect(name).toBe('😀'.repeat(59));
  });

  it('keeps a double extension but not an overlong one when shortening', () => {
    expect(sanitizeFileName(`${'a'.repeat(300)}.tar.gz`)).toBe(`${'a'.repeat(229)}.tar.gz`);
    const longExtension = `.${'x'.repeat(40)}`;
    expect(sanitizeFileName(`${'a'.repeat(250)}${longExtension}`)).toBe('a'.repeat(236));
  });

  it('leaves room in 255 bytes for every file kept beside a download of a 251-byte name', () => {
    const name = sanitizeFileName(`${'n'.repeat(247)}.iso`);
    expect(name).toBe(`${'n'.repeat(232)}.iso`);
    const sideFiles = ['.part', '.part.json', '.part.json.tmp', '.part.lock', '.part.lock.0123abcd'];
    for (const suffix of sideFiles) expect(utf8Bytes(`${name}${suffix}`)).toBeLessThanOrEqual(255);
    const numbered = alternativeFileName(name, 1234);
    expect(numbered).toBe(`${'n'.repeat(225)} (1234).iso`);
    expect(utf8Bytes(`${numbered}.part.lock.0123abcd`)).toBeLessThanOrEqual(255);
  });

  it('names a download that Content-Disposition calls a folder (`subdir/`) from the URL instead', () => {
    const finalUrl = 'https://example.com/files/report.pdf';
    for (const name of ['subdir/', 'a/subdir/', 'subdir\\', '/', '///', '\\']) {
      const contentDisposition = `attachment; filename="${name}"`;
      expect(chooseFileName({ contentDisposition, finalUrl })).toBe('report.pdf');
      expect(chooseFileName({ contentDisposition, finalUrl: 'https://example.com/' })).toBe('download');
    }
    expect(sanitizeFileName('subdir/')).toBe('download');
  });

  it('removes lone surrogates that cannot be written as UTF-8', () => {
    expect(sanitizeFileName('bad\uD800name.txt')).toBe('badname.txt');
  });
});

describe('chooseFileName', () => {
  const finalUrl = 'https://example.com/files/archive.tar.gz?token=abc#frag';

  it('prefers the name the user typed', () => {
    expect(
      chooseFileName({
        userFileName: 'mine.tgz',
        contentDisposition: 'attachment; filename=x.bin',
        finalUrl,
      }),
    ).toBe('mine.tgz');
  });

  it('then the server-suggested name', () => {
    expect(
      chooseFileName({ contentDisposition: `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`, finalUrl }),
    ).toBe('résumé.pdf');
  });

  it('then the last path segment of the final URL, without query or fragment', () => {
    expect(chooseFileName({ finalUrl })).toBe('archive.tar.gz');
    expect(chooseFileName({ finalUrl: 'https://example.com/a/b/' })).toBe('b');
    expect(chooseFileName({ contentDisposition: 'inline', finalUrl })).toBe('archive.tar.gz');
  });

  it('percent-decodes the URL segment and keeps malformed escapes', () => {
    expect(chooseFileName({ finalUrl: 'https://example.com/my%20report%E2%82%AC.pdf' })).toBe(
      'my report€.pdf',
    );
    expect(chooseFileName({ finalUrl: 'https://example.com/100%25%zz%FF.bin' })).toBe('100%%zz%FF.bin');
  });

  it('falls back to "download" when nothing names the file', () => {
    expect(chooseFileName({ finalUrl: 'https://example.com/' })).toBe('download');
    expect(chooseFileName({ finalUrl: 'not a url' })).toBe('download');
  });

  it('skips a source that sanitises to nothing', () => {
    expect(
      chooseFileName({ userFileName: '', contentDisposition: 'attachment; filename=".."', finalUrl }),
    ).toBe('archive.tar.gz');
  });

  it('sanitises hostile names from every source', () => {
    expect(chooseFileName({ userFileName: '../../.ssh/authorized_keys', finalUrl })).toBe('authorized_keys');
    expect(
      chooseFileName({ contentDisposition: 'attachment; filename="..\\\\..\\\\CON.txt"', finalUrl }),
    ).toBe('_CON.txt');
    expect(chooseFileName({ finalUrl: 'https://example.com/x/..%2F..%2Fetc%2Fpasswd' })).toBe('passwd');
  });
});

describe('alternativeFileName', () => {
  it.each([
    ['photo.jpg', 0, 'photo.jpg'],
    ['photo.jpg', 1, 'photo (1).jpg'],
    ['archive.tar.gz', 2, 'archive (2).tar.gz'],
    ['backup.TAR.ZST', 1, 'backup (1).TAR.ZST'],
    ['README', 3, 'README (3)'],
    ['.bashrc', 1, '.bashrc (1)'],
    ['.config.json', 1, '.config (1).json'],
    ['notes.final version', 1, 'notes.final version (1)'],
  ])('turns %j number %i into %j', (name, n, expected) => {
    expect(alternativeFileName(name, n)).toBe(expected);
  });

  it('stays within the name limit, shortening the stem and keeping the extension', () => {
    const name = sanitizeFileName(`${'ü'.repeat(200)}.tar.xz`);
    const alternative = alternativeFileName(name, 12);
    expect(utf8Bytes(alternative)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(alternative.endsWith(' (12).tar.xz')).toBe(true);
    expect(alternative.startsWith('ü'.repeat(100))).toBe(true);
  });

  it('rejects a negative or fractional number', () => {
    expect(() => alternativeFileName('a.txt', -1)).toThrow(RangeError);
    expect(() => alternativeFileName('a.txt', 1.5)).toThrow(RangeError);
  });
});
