import { describe, expect, it } from 'vitest';
import { validateAddOptions } from '../../src-main/engine/add-options';
import { applySettingsPatch, defaultSettings } from '../../src-main/engine/engine-settings';
import { validateRequest, validateSettingsPatch } from '../../src-shared/ipc-guards';

const URL = 'http://127.0.0.1:8080/a.bin';

describe('the proxy settings', () => {
  it('start empty: no proxy of our own, nothing exempt', () => {
    expect(defaultSettings()).toMatchObject({ proxy: '', noProxy: '' });
  });

  it('are normalised by the engine and can be emptied again', () => {
    const set = applySettingsPatch(defaultSettings(), {
      proxy: 'proxy.lan:3128',
      noProxy: 'localhost  .lan',
    });
    expect(set).toMatchObject({ proxy: 'http://proxy.lan:3128', noProxy: 'localhost,.lan' });
    expect(applySettingsPatch(set, { proxy: '', noProxy: '' })).toMatchObject({ proxy: '', noProxy: '' });
  });

  it('refuse an unusable proxy in the engine and in the request guard alike', () => {
    expect(() => applySettingsPatch(defaultSettings(), { proxy: 'socks4://p:1080' })).toThrow(
      /proxy: a proxy must be/,
    );
    expect(validateSettingsPatch({ proxy: 'socks4://p:1080' })).toMatchObject({ ok: false });
    expect(validateSettingsPatch({ noProxy: 'a;b' })).toMatchObject({ ok: false });
    expect(validateSettingsPatch({ proxy: '', noProxy: '' })).toEqual({
      ok: true,
      value: { proxy: '', noProxy: '' },
    });
    expect(validateSettingsPatch({ proxy: 'socks5h://u:p@127.0.0.1:1080' })).toEqual({
      ok: true,
      value: { proxy: 'socks5h://u:p@127.0.0.1:1080' },
    });
  });
});

describe("a download's own proxy", () => {
  it('is kept normalised by the engine and the request guard', () => {
    expect(validateAddOptions({ url: URL, proxy: 'socks5://127.0.0.1:1080/' }).proxy).toBe(
      'socks5://127.0.0.1:1080',
    );
    const result = validateRequest('downloads:add', {
      items: [{ url: URL, proxy: 'http://127.0.0.1:3128' }],
    });
    expect(result).toMatchObject({
      ok: true,
      value: { payload: { items: [{ proxy: 'http://127.0.0.1:3128' }] } },
    });
  });

  it('is refused when it is not a proxy address', () => {
    expect(() => validateAddOptions({ url: URL, proxy: 'ftp://x' })).toThrow(/proxy: a proxy must be/);
    expect(validateRequest('downloads:add', { items: [{ url: URL, proxy: 'http://p/x' }] })).toMatchObject({
      ok: false,
    });
  });
});
