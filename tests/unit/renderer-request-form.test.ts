import { describe, expect, it } from 'vitest';
import type { AppSettings } from '../../src-shared/ipc-contract';
import { EMPTY_ADD_FORM, readAddForm } from '../../src-renderer/lib/add-form';
import { readProxySettingsForm, toProxySettingsForm } from '../../src-renderer/lib/proxy-settings-form';
import { EMPTY_REQUEST_FORM, readRequestForm } from '../../src-renderer/lib/request-form';

describe('the request fields of the add options', () => {
  it('turns header lines, a speed limit in KiB/s and a proxy into add options', () => {
    const result = readAddForm({
      ...EMPTY_ADD_FORM,
      headers: 'Cookie: a=1\n\nReferer: https://site/page\r\ncookie: b=2\n',
      speedLimitKiBps: '512',
      proxy: 'socks5h://127.0.0.1:1080',
    });
    expect(result).toEqual({
      ok: true,
      options: {
        headers: { Cookie: 'a=1; b=2', Referer: 'https://site/page' },
        maxBytesPerSecond: 512 * 1024,
        proxy: 'socks5h://127.0.0.1:1080',
      },
    });
  });

  it('leaves empty fields and a 0 limit out', () => {
    expect(readRequestForm({ ...EMPTY_REQUEST_FORM, speedLimitKiBps: '0', headers: '\n  \n' })).toEqual({
      ok: true,
      options: {},
    });
  });

  it('names the field and says what is wrong, as a sentence', () => {
    expect(readRequestForm({ ...EMPTY_REQUEST_FORM, headers: 'Cookie a=1' })).toEqual({
      ok: false,
      field: 'headers',
      message: '"Cookie a=1" is not a header: write Name: value.',
    });
    expect(readRequestForm({ ...EMPTY_REQUEST_FORM, headers: 'Range: bytes=0-' })).toMatchObject({
      field: 'headers',
      message: /^The downloader sets Range itself/,
    });
    expect(readRequestForm({ ...EMPTY_REQUEST_FORM, speedLimitKiBps: '1.5' })).toMatchObject({
      field: 'speedLimitKiBps',
    });
    expect(readRequestForm({ ...EMPTY_REQUEST_FORM, proxy: 'socks4://p:1' })).toMatchObject({
      field: 'proxy',
      message: /^A proxy must be http:\/\//,
    });
  });
});

describe('the proxy fields of the settings', () => {
  const settings = { proxy: 'http://proxy.lan:3128', noProxy: 'localhost,.lan' } as AppSettings;

  it('show the no-proxy list readably and save it normalised', () => {
    const form = toProxySettingsForm(settings);
    expect(form).toEqual({ proxy: 'http://proxy.lan:3128', noProxy: 'localhost, .lan' });
    expect(readProxySettingsForm(form)).toEqual({ ok: true, patch: settings });
    expect(readProxySettingsForm({ proxy: ' ', noProxy: '' })).toEqual({
      ok: true,
      patch: { proxy: '', noProxy: '' },
    });
  });

  it('name the field that is not usable', () => {
    expect(readProxySettingsForm({ proxy: 'http://p/x', noProxy: '' })).toMatchObject({
      ok: false,
      field: 'proxy',
    });
    expect(readProxySettingsForm({ proxy: '', noProxy: 'a;b' })).toMatchObject({
      ok: false,
      field: 'noProxy',
    });
  });
});
