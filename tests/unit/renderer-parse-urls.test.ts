import { describe, expect, it } from 'vitest';
import { parseDroppedData, parseUrls } from '../../src-renderer/lib/parse-urls';
import { refusedMessage } from '../../src-renderer/lib/refused-message';

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
});
