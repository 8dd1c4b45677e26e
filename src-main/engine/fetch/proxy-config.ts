// Which proxy a request goes through (pure): the download's own proxy, else the app's setting with its
// no-proxy list, else the standard environment variables with NO_PROXY.
//
// The no-proxy lists follow curl: entries separated by commas or spaces; `*` alone matches every
// host; a name matches itself and every subdomain (a leading `.` or `*.` changes nothing); IP
// addresses match exactly or by CIDR prefix (`10.0.0.0/8`); IPv6 with or without brackets. As in
// Node and Go, an entry may name a port (`example.com:8080`), and then matches only that port. As in
// curl, loopback hosts are proxied like any other unless listed: a user whose proxy cannot reach
// `localhost` lists it, and a proxy chosen for one download is always used.
import { BlockList, isIP } from 'node:net';
import { checkProxyUrl, splitNoProxyList, type Checked } from '../../../src-shared/proxy-url';
import type { EngineSettings } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';

/** The variables read, as `process.env` holds them. */
export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

export interface ProxySources {
  /** The download's own proxy; always used when given. */
  download?: string;
  /** The app's proxy setting ('' = none) and its no-proxy list. */
  settingsProxy: string;
  settingsNoProxy: string;
  env: ProxyEnvironment;
}

export type ProxySource = 'download' | 'settings' | 'environment';

export type ProxyChoice = { proxy: string; source: ProxySource } | { proxy?: undefined; source: 'direct' };

/** Lower case first, as curl reads them. */
const ENV_NAMES: Record<'http:' | 'https:', readonly string[]> = {
  'http:': ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'],
  'https:': ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'],
};

export function resolveProxy(url: string, sources: ProxySources): Checked<ProxyChoice> {
  const target = new URL(url);
  if (sources.download !== undefined) return chosen(sources.download, 'download', 'the download’s proxy');
  if (sources.settingsProxy !== '') {
    if (matchesNoProxy(target, sources.settingsNoProxy)) return { ok: true, value: { source: 'direct' } };
    return chosen(sources.settingsProxy, 'settings', 'the proxy setting');
  }
  // A host the settings exempt stays direct, so `*` there switches the environment's proxy off.
  if (matchesNoProxy(target, sources.settingsNoProxy)) return { ok: true, value: { source: 'direct' } };
  const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
  const name = ENV_NAMES[protocol].find((variable) => (sources.env[variable] ?? '').trim() !== '');
  if (name === undefined) return { ok: true, value: { source: 'direct' } };
  const noProxy = sources.env.no_proxy ?? sources.env.NO_PROXY ?? '';
  if (matchesNoProxy(target, noProxy)) return { ok: true, value: { source: 'direct' } };
  return chosen(sources.env[name]!, 'environment', `the ${name} variable`);
}

/**
 * The proxy URL for a request of a download, or undefined for a direct connection; an unusable
 * configured proxy is the user's error to fix.
 */
export function proxyUrlFor(
  url: string,
  ownProxy: string | undefined,
  settings: Pick<EngineSettings, 'proxy' | 'noProxy'>,
  env: ProxyEnvironment,
): string | undefined {
  const result = resolveProxy(url, {
    ...(ownProxy ? { download: ownProxy } : {}),
    settingsProxy: settings.proxy,
    settingsNoProxy: settings.noProxy,
    env,
  });
  if (!result.ok) throw new DownloadError('INVALID_INPUT', result.message);
  return result.value.proxy;
}

function chosen(text: string, source: ProxySource, what: string): Checked<ProxyChoice> {
  const checked = checkProxyUrl(text);
  if (!checked.ok) return { ok: false, message: `${what} is not usable: ${checked.message}` };
  return { ok: true, value: { proxy: checked.value, source } };
}

interface NoProxyEntry {
  host: string;
  port?: string;
  prefixBits?: number;
}

export function matchesNoProxy(target: URL, list: string): boolean {
  const host = bare(target.hostname.toLowerCase()).replace(/\.$/, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return splitNoProxyList(list).some((text) => {
    if (text === '*') return true;
    const entry = parseEntry(text.toLowerCase());
    if (entry === undefined || (entry.port !== undefined && entry.port !== port)) return false;
    const family = isIP(entry.host);
    if (family !== 0) return ipMatches(host, entry.host, family, entry.prefixBits);
    if (entry.prefixBits !== undefined) return false;
    const name = entry.host.replace(/^\*?\./, '').replace(/\.$/, '');
    return name !== '' && (host === name || host.endsWith(`.${name}`));
  });
}

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function parseEntry(text: string): NoProxyEntry | undefined {
  let rest = text;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?(\/\d+)?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1]! + (bracketed[3] ?? '');
    port = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    const [hostPart, portPart] = rest.split(':') as [string, string];
    if (!/^\d+$/.test(portPart)) return undefined;
    rest = hostPart;
    port = portPart;
  }
  const cidr = /^(.+)\/(\d{1,3})$/.exec(rest);
  if (cidr) return { host: cidr[1]!, prefixBits: Number(cidr[2]), ...(port ? { port } : {}) };
  return { host: rest, ...(port ? { port } : {}) };
}

function ipMatches(host: string, address: string, family: number, prefixBits?: number): boolean {
  const hostFamily = isIP(host);
  if (hostFamily !== family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const bits = prefixBits ?? (family === 4 ? 32 : 128);
  if (bits > (family === 4 ? 32 : 128)) return false;
  const block = new BlockList();
  block.addSubnet(address, bits, type);
  return block.check(host, type);
}
