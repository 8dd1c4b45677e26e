import { describe, expect, it } from 'vitest';
import { matchesNoProxy, resolveProxy, type ProxySources } from '../../src-main/engine/fetch/proxy-config';
import { checkNoProxyList, checkProxyUrl } from '../../src-shared/proxy-url';
import { redactUrl } from '../../src-shared/redact-url';

const none: ProxySources = { settingsProxy: '', settingsNoProxy: '', env: {} };

function proxyFor(url: string, sources: Partial<ProxySources>): string | undefined {
  const result = resolveProxy(url, { ...none, ...sources });
  if (!result.ok) throw new Error(result.message);
  return result.value.proxy;
}

function exempt(url: string, list: string): boolean {
  return matchesNoProxy(new URL(url), list);
}

describe('checkProxyUrl', () => {
  it('accepts http, https, socks5 and socks5h proxies with credentials and ports', () => {
    expect(checkProxyUrl('http://proxy:3128')).toEqual({ ok: true, value: 'http://proxy:3128' });
    expect(checkProxyUrl(' https://u:p@proxy.example:8443/ ')).toEqual({
      ok: true,
      value: 'https://u:p@proxy.example:8443',
    });
    expect(checkProxyUrl('socks5://127.0.0.1:1080')).toEqual({ ok: true, value: 'socks5://127.0.0.1:1080' });
    expect(checkProxyUrl('SOCKS5H://[::1]:1080')).toEqual({ ok: true, value: 'socks5h://[::1]:1080' });
  });

  it('reads an address without a scheme as an HTTP proxy, like curl', () => {
    expect(checkProxyUrl('proxy.corp:8080')).toEqual({ ok: true, value: 'http://proxy.corp:8080' });
  });

  it('refuses other schemes, paths and empty text with a sentence naming the problem', () => {
    expect(checkProxyUrl('socks4://proxy:1080')).toMatchObject({
      ok: false,
      message: /socks5h:\/\/, not socks4:/,
    });
    expect(checkProxyUrl('ftp://proxy')).toMatchObject({ ok: false });
    expect(checkProxyUrl('http://proxy:3128/path')).toMatchObject({ ok: false, message: /without a path/ });
    expect(checkProxyUrl('http://proxy:3128?x=1')).toMatchObject({ ok: false });
    expect(checkProxyUrl('  ')).toMatchObject({ ok: false });
    expect(checkProxyUrl('http://proxy:99999')).toMatchObject({ ok: false });
  });

  it('never repeats a password in its refusal', () => {
    const result = checkProxyUrl('http://user:s3cret@proxy:notaport');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('s3cret');
    expect(JSON.stringify(checkProxyUrl('user:s3cret@proxy:notaport'))).not.toContain('s3cret');
    expect(redactUrl('socks5://user:s3cret@proxy:1080')).toBe('socks5://user:***@proxy:1080');
  });
});

describe('checkNoProxyList', () => {
  it('normalises commas and spaces and refuses entries that are not hosts', () => {
    expect(checkNoProxyList(' localhost, .corp  10.0.0.0/8,[::1]:8080 ')).toEqual({
      ok: true,
      value: 'localhost,.corp,10.0.0.0/8,[::1]:8080',
    });
    expect(checkNoProxyList('')).toEqual({ ok: true, value: '' });
    expect(checkNoProxyList('example.com;evil')).toMatchObject({ ok: false, message: /"example.com;evil"/ });
  });
});

describe('matchesNoProxy (curl semantics)', () => {
  it('matches a name itself and its subdomains, not look-alikes', () => {
    expect(exempt('https://example.com/f', 'example.com')).toBe(true);
    expect(exempt('https://www.example.com/f', 'example.com')).toBe(true);
    expect(exempt('https://notexample.com/f', 'example.com')).toBe(false);
    expect(exempt('https://example.com.org/f', 'example.com')).toBe(false);
  });

  it('treats a leading dot or *. as the same domain match, case-insensitively', () => {
    expect(exempt('http://a.b.Corp/f', '.corp')).toBe(true);
    expect(exempt('http://corp/f', '.corp')).toBe(true);
    expect(exempt('http://x.corp/f', '*.CORP')).toBe(true);
  });

  it('matches everything with a lone *, and nothing with an empty list', () => {
    expect(exempt('http://anything/f', '*')).toBe(true);
    expect(exempt('http://anything/f', '')).toBe(false);
  });

  it('matches IP addresses exactly or by CIDR prefix, IPv6 with or without brackets', () => {
    expect(exempt('http://127.0.0.1:8080/f', '127.0.0.1')).toBe(true);
    expect(exempt('http://127.0.0.2/f', '127.0.0.1')).toBe(false);
    expect(exempt('http://10.1.2.3/f', '10.0.0.0/8')).toBe(true);
    expect(exempt('http://11.1.2.3/f', '10.0.0.0/8')).toBe(false);
    expect(exempt('http://[::1]/f', '::1')).toBe(true);
    expect(exempt('http://[fd00::5]/f', '[fd00::]/8')).toBe(true);
    expect(exempt('http://[::1]/f', '127.0.0.1')).toBe(false);
  });

  it('applies an entry with a port only to that port (the URL default port counts)', () => {
    expect(exempt('http://example.com:8080/f', 'example.com:8080')).toBe(true);
    expect(exempt('http://example.com/f', 'example.com:8080')).toBe(false);
    expect(exempt('https://example.com/f', 'example.com:443')).toBe(true);
    expect(exempt('http://[::1]:8080/f', '[::1]:8080')).toBe(true);
  });

  it('proxies loopback hosts unless they are listed, as curl does', () => {
    expect(exempt('http://localhost/f', 'example.com')).toBe(false);
    expect(exempt('http://localhost/f', 'localhost,127.0.0.1,::1')).toBe(true);
  });
});

describe('resolveProxy', () => {
  const env = {
    https_proxy: 'http://env-https:3128',
    http_proxy: 'http://env-http:3128',
    NO_PROXY: 'internal.example',
  };

  it("uses the download's own proxy before anything else, even for listed hosts", () => {
    expect(
      proxyFor('https://internal.example/f', {
        download: 'socks5://one:1080',
        settingsProxy: 'http://app:8080',
        settingsNoProxy: '*',
        env,
      }),
    ).toBe('socks5://one:1080');
  });

  it('uses the app setting before the environment, except for hosts on its no-proxy list', () => {
    const sources = { settingsProxy: 'http://app:8080', settingsNoProxy: '.lan', env };
    expect(proxyFor('https://example.com/f', sources)).toBe('http://app:8080');
    expect(proxyFor('https://nas.lan/f', sources)).toBeUndefined();
  });

  it('picks the variable by the URL scheme, lower case first, then ALL_PROXY', () => {
    expect(proxyFor('https://example.com/f', { env })).toBe('http://env-https:3128');
    expect(proxyFor('http://example.com/f', { env })).toBe('http://env-http:3128');
    expect(proxyFor('https://example.com/f', { env: { HTTPS_PROXY: 'http://upper:1' } })).toBe(
      'http://upper:1',
    );
    expect(proxyFor('http://example.com/f', { env: { ALL_PROXY: 'socks5h://all:1080' } })).toBe(
      'socks5h://all:1080',
    );
    expect(proxyFor('http://example.com/f', { env: { http_proxy: '', ALL_PROXY: 'socks5://a:1' } })).toBe(
      'socks5://a:1',
    );
  });

  it('honours NO_PROXY for the environment proxy, and a * in the settings turns the environment off', () => {
    expect(proxyFor('https://a.internal.example/f', { env })).toBeUndefined();
    expect(proxyFor('https://example.com/f', { env: { ...env, no_proxy: '*' } })).toBeUndefined();
    expect(proxyFor('https://example.com/f', { env, settingsNoProxy: '*' })).toBeUndefined();
  });

  it('goes direct when nothing names a proxy', () => {
    expect(resolveProxy('https://example.com/f', none)).toEqual({ ok: true, value: { source: 'direct' } });
  });

  it('says which source holds an unusable proxy address', () => {
    const result = resolveProxy('https://example.com/f', { ...none, env: { HTTPS_PROXY: 'ftp://x' } });
    expect(result).toMatchObject({ ok: false, message: /HTTPS_PROXY variable is not usable/ });
  });
});
