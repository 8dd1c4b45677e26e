import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../src-shared/ipc-contract';
import {
  isHttpUrl,
  REQUEST_VALIDATORS,
  validateRequest,
  validateSettingsPatch,
} from '../../src-shared/ipc-guards';

function errorOf(channel: unknown, payload: unknown): string {
  const result = validateRequest(channel, payload);
  if (result.ok) throw new Error(`expected ${String(channel)} to refuse ${JSON.stringify(payload)}`);
  expect(result.error.code).toBe('INVALID_INPUT');
  expect(result.error.retryable).toBe(false);
  return result.error.message;
}

const SHA256 = 'a'.repeat(64);

describe('request guards', () => {
  it('has a validator for every channel of the contract', () => {
    expect(Object.keys(REQUEST_VALIDATORS).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('accepts a re-check with checksums in lower case, and refuses one without a valid checksum', () => {
    expect(
      validateRequest('downloads:recheck', {
        id: 'd1',
        checksums: [{ algorithm: 'sha256', hex: SHA256.toUpperCase() }],
      }),
    ).toEqual({
      ok: true,
      value: {
        channel: 'downloads:recheck',
        payload: { id: 'd1', checksums: [{ algorithm: 'sha256', hex: SHA256 }] },
      },
    });
    expect(errorOf('downloads:recheck', { id: 'd1', checksums: [] })).toMatch(/checksums must not be empty/);
    expect(
      errorOf('downloads:recheck', { id: 'd1', checksums: [{ algorithm: 'sha256', hex: 'ab' }] }),
    ).toMatch(/64 hex digits/);
    expect(errorOf('downloads:recheck', { id: 'd1', checksums: [], url: 'x' })).toMatch(/unknown field/);
  });

  it('refuses a channel that is not in the contract', () => {
    expect(errorOf('downloads:delete-everything', {})).toMatch(/Unknown channel/);
    expect(errorOf(42, {})).toMatch(/Unknown channel/);
  });

  it('accepts a full add request and returns a clean copy with the checksum in lower case', () => {
    const result = validateRequest('downloads:add', {
      items: [
        {
          url: 'https://example.com/a.iso',
          directory: '/home/me/Downloads',
          fileName: 'a.iso',
          connections: 8,
          chunkSizeBytes: 1048576,
          checksums: [{ algorithm: 'sha256', hex: SHA256.toUpperCase() }],
        },
      ],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        channel: 'downloads:add',
        payload: {
          items: [
            {
              url: 'https://example.com/a.iso',
              directory: '/home/me/Downloads',
              fileName: 'a.iso',
              connections: 8,
              chunkSizeBytes: 1048576,
              checksums: [{ algorithm: 'sha256', hex: SHA256 }],
            },
          ],
        },
      },
    });
  });

  it('refuses URLs that are not http(s) or do not parse', () => {
    expect(errorOf('downloads:add', { items: [{ url: 'file:///etc/passwd' }] })).toMatch(/http\(s\)/);
    expect(errorOf('downloads:add', { items: [{ url: 'javascript:alert(1)' }] })).toMatch(/http\(s\)/);
    expect(errorOf('downloads:add', { items: [{ url: 'not a url' }] })).toMatch(/not a valid URL/);
    expect(errorOf('downloads:add', { items: [{ url: 42 }] })).toMatch(/items\[0\]\.url/);
    expect(errorOf('downloads:refresh-url', { id: 'x', url: 'ftp://h/f' })).toMatch(/http\(s\)/);
  });

  it('bounds the connections per download to 1..32', () => {
    expect(errorOf('downloads:add', { items: [{ url: 'http://h/f', connections: 0 }] })).toMatch(
      /from 1 to 32/,
    );
    expect(errorOf('downloads:add', { items: [{ url: 'http://h/f', connections: 33 }] })).toMatch(
      /from 1 to 32/,
    );
    expect(errorOf('downloads:add', { items: [{ url: 'http://h/f', connections: 2.5 }] })).toMatch(
      /whole number/,
    );
    expect(validateRequest('downloads:add', { items: [{ url: 'http://h/f', connections: 32 }] }).ok).toBe(
      true,
    );
  });

  it('checks the checksum algorithm and the length of its hex digest', () => {
    const add = (checksums: unknown) => ({ items: [{ url: 'http://h/f', checksums }] });
    expect(errorOf('downloads:add', add([{ algorithm: 'crc16', hex: 'abcd' }]))).toMatch(/algorithm must be/);
    expect(errorOf('downloads:add', add([{ algorithm: 'md5', hex: SHA256 }]))).toMatch(
      /32 hex digits for md5/,
    );
    expect(errorOf('downloads:add', add([{ algorithm: 'sha256', hex: 'z'.repeat(64) }]))).toMatch(
      /hex digits/,
    );
    expect(validateRequest('downloads:add', add([{ algorithm: 'crc32c', hex: '0a1b2c3d' }])).ok).toBe(true);
  });

  it('refuses file names that would escape the download folder', () => {
    const add = (fileName: string) => ({ items: [{ url: 'http://h/f', fileName }] });
    expect(errorOf('downloads:add', add('../../.bashrc'))).toMatch(/path separators/);
    expect(errorOf('downloads:add', add('..'))).toMatch(/name a file/);
    expect(errorOf('downloads:add', add('a\\b'))).toMatch(/path separators/);
    expect(errorOf('downloads:add', add('a\u0000b'))).toMatch(/control characters/);
  });

  it('requires absolute download folders', () => {
    expect(errorOf('downloads:add', { items: [{ url: 'http://h/f', directory: 'Downloads' }] })).toMatch(
      /absolute/,
    );
    expect(
      validateRequest('downloads:add', { items: [{ url: 'http://h/f', directory: 'C:\\Users\\me' }] }).ok,
    ).toBe(true);
  });

  it('bounds batches to 1..1000 items', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    expect(errorOf('downloads:pause', { ids: many })).toMatch(/more than 1000/);
    expect(errorOf('downloads:pause', { ids: [] })).toMatch(/must not be empty/);
    expect(errorOf('downloads:pause', { ids: 'id-1' })).toMatch(/must be an array/);
    expect(validateRequest('downloads:pause', { ids: many.slice(0, 1000) }).ok).toBe(true);
  });

  it('refuses ids that are not short strings', () => {
    expect(errorOf('downloads:resume', { ids: [7] })).toMatch(/ids\[0\]/);
    expect(errorOf('downloads:resume', { ids: ['x'.repeat(129)] })).toMatch(/longer than 128/);
    expect(errorOf('shell:open-file', { id: '' })).toMatch(/non-empty/);
  });

  it('refuses unknown fields and prototype-pollution keys', () => {
    expect(errorOf('downloads:pause', { ids: ['a'], force: true })).toMatch(/unknown field\(s\): force/);
    expect(errorOf('downloads:pause', JSON.parse('{"ids":["a"],"__proto__":{"polluted":true}}'))).toMatch(
      /__proto__/,
    );
    expect(errorOf('settings:update', JSON.parse('{"constructor":{"prototype":{}}}'))).toMatch(/constructor/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses non-object payloads and payloads on channels that take none', () => {
    expect(errorOf('downloads:pause', null)).toMatch(/must be an object/);
    expect(errorOf('downloads:pause', [['a']])).toMatch(/must be an object/);
    expect(errorOf('downloads:list', { all: true })).toMatch(/unknown field/);
    expect(validateRequest('downloads:list', {}).ok).toBe(true);
    expect(validateRequest('settings:get', undefined).ok).toBe(true);
  });

  it('requires an explicit deleteFile flag on remove', () => {
    expect(errorOf('downloads:remove', { ids: ['a'] })).toMatch(/deleteFile/);
    expect(validateRequest('downloads:remove', { ids: ['a', 'a'], deleteFile: true })).toEqual({
      ok: true,
      value: { channel: 'downloads:remove', payload: { ids: ['a'], deleteFile: true } },
    });
  });

  it('checks every settings field against its range', () => {
    expect(errorOf('settings:update', { maxConcurrentDownloads: 0 })).toMatch(/maxConcurrentDownloads/);
    expect(errorOf('settings:update', { connectionsPerDownload: 64 })).toMatch(/from 1 to 32/);
    expect(errorOf('settings:update', { speedLimitBps: -1 })).toMatch(/speedLimitBps/);
    expect(errorOf('settings:update', { maxRetries: '3' })).toMatch(/whole number/);
    expect(errorOf('settings:update', { theme: 'neon' })).toMatch(/theme must be one of light, dark, system/);
    expect(errorOf('settings:update', { directory: 'relative/dir' })).toMatch(/absolute/);
    expect(validateSettingsPatch({ theme: 'dark', speedLimitBps: 0, maxRetries: 5 })).toEqual({
      ok: true,
      value: { theme: 'dark', speedLimitBps: 0, maxRetries: 5 },
    });
  });

  it('recognises http(s) URLs on their own', () => {
    expect(isHttpUrl('https://example.com/x')).toBe(true);
    expect(isHttpUrl('--no-sandbox')).toBe(false);
    expect(isHttpUrl('mailto:me@example.com')).toBe(false);
  });
});

describe('the open-file request', () => {
  it('carries an explicit true/false confirmation or none, and nothing else', () => {
    expect(validateRequest('shell:open-file', { id: 'd1' })).toMatchObject({
      ok: true,
      value: { payload: { id: 'd1' } },
    });
    expect(validateRequest('shell:open-file', { id: 'd1', confirmed: true })).toMatchObject({
      ok: true,
      value: { payload: { id: 'd1', confirmed: true } },
    });
    expect(errorOf('shell:open-file', { id: 'd1', confirmed: 'yes' })).toMatch(
      /confirmed must be true or false/,
    );
    expect(errorOf('shell:open-file', { id: 'd1', path: '/bin/sh' })).toMatch(/path/);
  });
});
