import { describe, expect, it } from 'vitest';
import { redactSnapshot, redactUrl, redactUrlsInText } from '../../src-shared/redact-url';
import type { DownloadSnapshot } from '../../src-shared/download-types';

describe('redactUrl', () => {
  it('hides the password of user:password@ and keeps the user name and host', () => {
    expect(redactUrl('https://alice:s3cret@files.example/a.bin')).toBe(
      'https://alice:***@files.example/a.bin',
    );
    expect(redactUrl('https://alice@files.example/a.bin')).toBe('https://alice@files.example/a.bin');
    expect(redactUrl('https://a:p@ss@h/x')).toBe('https://a:***@h/x');
  });

  it('hides the signature, credential and token of an S3 presigned link, keeps when it expires', () => {
    const url =
      'https://b.s3.amazonaws.com/k.iso?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F2026&' +
      'X-Amz-Date=20261201T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token=FwoG&X-Amz-SignedHeaders=host&' +
      'X-Amz-Signature=abcdef';
    expect(redactUrl(url)).toBe(
      'https://b.s3.amazonaws.com/k.iso?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&' +
        'X-Amz-Date=20261201T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token=***&X-Amz-SignedHeaders=host&' +
        'X-Amz-Signature=***',
    );
  });

  it('hides Azure, CloudFront, Google and OAuth secrets by parameter name, in any case', () => {
    expect(redactUrl('https://h/f?sv=2024&se=2026-12-01&sig=AbC%3D')).toBe(
      'https://h/f?sv=2024&se=2026-12-01&sig=***',
    );
    expect(redactUrl('https://h/f?Expires=1&Signature=zz&Key-Pair-Id=K1&Policy=eyJ')).toBe(
      'https://h/f?Expires=1&Signature=***&Key-Pair-Id=K1&Policy=eyJ',
    );
    expect(redactUrl('https://h/f?X-Goog-Signature=1&access_token=2&API_KEY=3&key=4&token=5')).toBe(
      'https://h/f?X-Goog-Signature=***&access_token=***&API_KEY=***&key=***&token=***',
    );
    expect(redactUrl('https://h/cb#access_token=t&state=s')).toBe('https://h/cb#access_token=***&state=s');
  });

  it('leaves links without secrets exactly as written', () => {
    for (const url of ['https://h/a%20b.zip?x=1&y', 'http://[::1]:8080/p?q=2#frag', 'not a url']) {
      expect(redactUrl(url)).toBe(url);
    }
  });

  it('redacts every link quoted in a sentence', () => {
    expect(redactUrlsInText('GET https://u:pw@h/a?sig=1 failed; try http://h/b?token=2')).toBe(
      'GET https://u:***@h/a?sig=*** failed; try http://h/b?token=***',
    );
  });

  it('redacts the link and every error message of a snapshot, and nothing else', () => {
    const error = {
      code: 'HTTP_STATUS' as const,
      message: 'https://u:pw@h/x?sig=S answered 403',
      retryable: false,
    };
    const snapshot: DownloadSnapshot = {
      id: 'd1',
      url: 'https://u:pw@h/x?sig=S',
      finalUrl: 'https://cdn/x?X-Amz-Signature=S',
      fileName: 'x',
      directory: '/tmp',
      status: 'failed',
      downloadedBytes: 5,
      speedBps: 0,
      connections: 1,
      chunks: [
        { id: 0, start: 0, end: 9, written: 5, status: 'failed', speedBps: 0, attempts: 1, lastError: error },
      ],
      retries: [{ chunkId: 0, attempt: 1, at: 1, error }],
      integrity: [],
      error,
      createdAt: 1,
    };
    const shown = JSON.stringify(redactSnapshot(snapshot));
    expect(shown).not.toContain('pw');
    expect(shown).not.toMatch(/sig(nature)?=S/i);
    expect(redactSnapshot(snapshot).downloadedBytes).toBe(5);
    expect(snapshot.url).toBe('https://u:pw@h/x?sig=S');
  });
});
