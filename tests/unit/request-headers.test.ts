import { describe, expect, it } from 'vitest';
import type { AddDownloadOptions } from '../../src-shared/download-types';
import { validateAddOptions } from '../../src-main/engine/add-options';
import { DownloadError } from '../../src-main/engine/errors';
import { validateRequest } from '../../src-shared/ipc-guards';
import { checkRequestHeaders, headersForTarget } from '../../src-shared/request-headers';

const URL = 'http://127.0.0.1:8080/a.bin';

describe('extra request headers', () => {
  it('keeps ordinary headers such as Cookie, Authorization, Referer and User-Agent', () => {
    const given = {
      Cookie: 'a=1',
      Authorization: 'Bearer x',
      Referer: 'https://site/',
      'User-Agent': 'UA/1',
    };
    expect(checkRequestHeaders(given)).toEqual({ ok: true, value: given });
  });

  it('drops the headers the engine owns, whatever their case', () => {
    const result = checkRequestHeaders({
      range: 'bytes=5-',
      'If-Range': '"x"',
      'if-none-match': '*',
      'Accept-Encoding': 'gzip',
      Connection: 'close',
      'Content-Length': '3',
      Host: 'evil',
      'Transfer-Encoding': 'chunked',
      Cookie: 'kept=1',
    });
    expect(result).toEqual({ ok: true, value: { Cookie: 'kept=1' } });
  });

  it('refuses header injection, bad names and oversized input', () => {
    expect(checkRequestHeaders({ Cookie: 'a=1\r\nX-Evil: 1' }).ok).toBe(false);
    expect(checkRequestHeaders({ 'Bad Name': 'x' }).ok).toBe(false);
    expect(checkRequestHeaders({ X: 'v'.repeat(9000) }).ok).toBe(false);
    expect(checkRequestHeaders({ X: 42 }).ok).toBe(false);
    expect(checkRequestHeaders(['Cookie: a']).ok).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`X-${i}`, 'v']));
    expect(checkRequestHeaders(many).ok).toBe(false);
  });

  it('keeps the last value when a name is given twice in different case', () => {
    expect(checkRequestHeaders({ cookie: 'a=1', Cookie: 'b=2' })).toEqual({
      ok: true,
      value: { Cookie: 'b=2' },
    });
  });

  it('never sends credentials to another origin after a redirect', () => {
    const headers = { Cookie: 'a=1', Authorization: 'Basic eA==', Referer: 'https://site/' };
    expect(headersForTarget(headers, 'https://a.example/x', 'https://a.example/y')).toBe(headers);
    expect(headersForTarget(headers, 'https://a.example/x', 'https://cdn.example/y')).toEqual({
      Referer: 'https://site/',
    });
    expect(headersForTarget(headers, 'http://a.example/x', 'https://a.example/x')).toEqual({
      Referer: 'https://site/',
    });
  });

  it('are checked by the engine, which refuses bad ones with INVALID_INPUT', () => {
    expect(validateAddOptions({ url: URL, headers: { Cookie: 'a=1', Range: 'bytes=0-' } }).headers).toEqual({
      Cookie: 'a=1',
    });
    expect(() => validateAddOptions({ url: URL, headers: { 'a b': 'x' } })).toThrow(DownloadError);
  });

  it('are checked by the IPC guard like every other add option', () => {
    const ok = validateRequest('downloads:add', {
      items: [{ url: URL, headers: { Referer: 'https://r/' } }],
    });
    expect(ok).toEqual({
      ok: true,
      value: {
        channel: 'downloads:add',
        payload: { items: [{ url: URL, headers: { Referer: 'https://r/' } }] },
      },
    });
    const bad = validateRequest('downloads:add', { items: [{ url: URL, headers: { X: 'a\nb' } }] });
    expect(bad.ok).toBe(false);
  });
});

describe('a per-download speed cap', () => {
  it('is kept as a whole number of bytes per second, and 0 means none', () => {
    expect(validateAddOptions({ url: URL, maxBytesPerSecond: 1_048_576 }).maxBytesPerSecond).toBe(1_048_576);
    expect(validateAddOptions({ url: URL, maxBytesPerSecond: 0 }).maxBytesPerSecond).toBeUndefined();
    const fractional = { url: URL, maxBytesPerSecond: 1.5 } as AddDownloadOptions;
    expect(() => validateAddOptions(fractional)).toThrow(DownloadError);
    expect(validateRequest('downloads:add', { items: [{ url: URL, maxBytesPerSecond: -1 }] }).ok).toBe(false);
  });
});
