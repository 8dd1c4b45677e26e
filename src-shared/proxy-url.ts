// What a proxy address and a no-proxy list may look like, checked the same way by the forms, the
// request guards and the engine.
import { redactUrl } from './redact-url';

export const PROXY_SCHEMES = ['http:', 'https:', 'socks5:', 'socks5h:'] as const;
export const MAX_PROXY_URL_LENGTH = 2048;
export const MAX_NO_PROXY_LENGTH = 4096;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Normalises a proxy address: `http://`, `https://`, `socks5://` or `socks5h://`, a host, an optional
 * port and optional `user:password@`. An address without a scheme is an HTTP proxy, as curl and the
 * `*_PROXY` variables treat it.
 */
export function checkProxyUrl(text: string): Checked<string> {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_PROXY_URL_LENGTH) {
    return { ok: false, message: `a proxy address is 1 to ${MAX_PROXY_URL_LENGTH} characters` };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `not a proxy address: ${redactUrl(withScheme)}` };
  }
  if (!(PROXY_SCHEMES as readonly string[]).includes(url.protocol)) {
    return {
      ok: false,
      message: `a proxy must be http://, https://, socks5:// or socks5h://, not ${url.protocol}//`,
    };
  }
  if (url.hostname === '') return { ok: false, message: 'the proxy address has no host' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { ok: false, message: 'a proxy address is only scheme://host:port, without a path' };
  }
  return { ok: true, value: `${url.protocol}//${userInfo(url)}${url.host}` };
}

function userInfo(url: URL): string {
  if (url.username === '' && url.password === '') return '';
  return url.password === '' ? `${url.username}@` : `${url.username}:${url.password}@`;
}

/**
 * Checks a no-proxy list: names, `.domain` suffixes, IPv4/IPv6 addresses (optionally with a CIDR
 * prefix length), each with an optional `:port`, or `*`, separated by commas or spaces.
 */
export function checkNoProxyList(text: string): Checked<string> {
  if (text.length > MAX_NO_PROXY_LENGTH) {
    return { ok: false, message: `the no-proxy list is longer than ${MAX_NO_PROXY_LENGTH} characters` };
  }
  const entries = splitNoProxyList(text);
  const bad = entries.find((entry) => !/^[a-z0-9.*:_[\]/-]+$/i.test(entry));
  if (bad !== undefined) {
    return { ok: false, message: `"${bad}" is not a host name, domain, or IP address for the no-proxy list` };
  }
  return { ok: true, value: entries.join(',') };
}

export function splitNoProxyList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}
