import { describe, expect, it } from 'vitest';
import { parseDroppedData, parseUrls } from '../../src-renderer/lib/parse-urls';
import { intakeMessage, refusedMessage } from '../../src-renderer/lib/refused-message';

describe('links from paste and drop', () => {
  it('takes one URL per line, trims blanks and drops duplicates', () => {
    const text =
      ' http://127.0.0.1:8080/a.bin \n\nhttps://example.test/b.iso\r\nhttp://127.0.0.1:8080/a.bin\n';
    expect(parseUrls(text)).toEqual({
      urls: ['http://127.0.0.1:8080/a.bin', 'https://example.test/b.iso'],
      refused: [],
    });
  });

  it('splits several URLs on one line', () => {
    expect(parseUrls('http://h/1 http://h/2\thttp://h/3').urls).toEqual([
      'http://h/1',
      'http://h/2',
      'http://h/3',
    ]);
  });

  it('refuses anything that is not an http(s) URL and names it', () => {
    const parsed = parseUrls('ftp://h/file\nhttp://h/ok\nnot-a-url\nfile:///etc/passwd\njavascript:alert(1)');
    expect(parsed.urls).toEqual(['http://h/ok']);
    expect(parsed.refused).toEqual([
      'ftp://h/file',
      'not-a-url',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]);
    expect(refusedMessage(parsed.refused)).toContain('"ftp://h/file"');
    expect(refusedMessage(parsed.refused)).toContain('and 1 more');
  });

  it('skips comment lines of text/uri-list', () => {
    expect(parseUrls('# dragged from a page\nhttp://h/x')).toEqual({ urls: ['http://h/x'], refused: [] });
  });

  it('prefers text/uri-list on drop and falls back to text/plain', () => {
    const browser: Record<string, string> = {
      'text/uri-list': 'http://h/a\r\nhttp://h/b',
      'text/plain': 'http://h/a',
    };
    expect(parseDroppedData((format) => browser[format] ?? '').urls).toEqual(['http://h/a', 'http://h/b']);
    const editor: Record<string, string> = { 'text/plain': 'http://h/c\nhttp://h/d' };
    expect(parseDroppedData((format) => editor[format] ?? '').urls).toEqual(['http://h/c', 'http://h/d']);
  });

  it('keeps a line of prose as one entry and says plainly that it holds no link', () => {
    const parsed = parseUrls('not a url');
    expect(parsed).toEqual({ urls: [], refused: ['not a url'] });
    expect(intakeMessage(parsed)).toBe('No link found in the pasted text.');
    expect(intakeMessage(parseUrls('   \n\n'))).toBe('No link found in the pasted text.');
  });

  it('does not turn a link with a space in its host into a download of a cut-off link', () => {
    const parsed = parseUrls('https://exa mple.com/a b.zip');
    expect(parsed.urls).toEqual([]);
    expect(parsed.refused).toEqual(['https://exa mple.com/a b.zip']);
    expect(intakeMessage(parsed)).toContain('"https://exa mple.com/a b.zip"');
    expect(parseUrls('https://exa mple.com/a').urls).toEqual([]);
  });

  it('keeps a space inside the path of one link as part of that link', () => {
    expect(parseUrls('https://example.com/a b.zip').urls).toEqual(['https://example.com/a%20b.zip']);
  });

  it('accepts a link written without its scheme as https', () => {
    expect(
      parseUrls('example.com/file.zip\nwww.example.org:8443/x/y.iso\n127.0.0.1:8080/a.bin').urls,
    ).toEqual([
      'https://example.com/file.zip',
      'https://www.example.org:8443/x/y.iso',
      'https://127.0.0.1:8080/a.bin',
    ]);
  });

  it('does not take a bare file name or a word with a dot for a host', () => {
    expect(parseUrls('notes.txt\nb.zip\nlocalhost:8080/x').urls).toEqual([]);
  });

  it('splits a line only between pieces that are each a link with a scheme', () => {
    expect(parseUrls('http://h/1 example.com/2').urls).toEqual(['http://h/1%20example.com/2']);
    expect(parseUrls('https://h/1   https://h/2').urls).toEqual(['https://h/1', 'https://h/2']);
  });

  it('names refused links, but says nothing when every entry was a link', () => {
    expect(intakeMessage(parseUrls('ftp://h/file'))).toContain('"ftp://h/file"');
    expect(intakeMessage(parseUrls('http://h/a\nhttp://h/b'))).toBeNull();
  });
});
