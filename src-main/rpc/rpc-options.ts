// aria2 option objects (`{"split": "8", "header": ["Cookie: a=1"], …}`) translated to our download
// options and settings, and back for getOption/getGlobalOption. Pure; every result still goes through
// the same validation as any other caller's.
import type {
  AddDownloadOptions,
  DigestAlgorithm,
  DownloadSnapshot,
  EngineSettings,
} from '../../src-shared/download-types';
import { SETTING_LIMITS } from '../../src-shared/setting-limits';

const MAX_CONNECTIONS = SETTING_LIMITS.connectionsPerDownload.max;
import { RpcError } from './rpc-errors';

export type Aria2Options = Record<string, unknown>;

/** aria2's checksum type names. */
const CHECKSUM_TYPES: Readonly<Record<string, DigestAlgorithm>> = {
  md5: 'md5',
  'sha-1': 'sha1',
  'sha-256': 'sha256',
  'sha-512': 'sha512',
};

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 };

function bad(option: string, detail: string): RpcError {
  return new RpcError(
    'RPC_INVALID_PARAMS',
    `We encountered a problem while processing the option '--${option}': ${detail}`,
  );
}

/** aria2 sends every option value as a string; numbers and booleans are accepted too. */
function textOf(options: Aria2Options, name: string): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw bad(name, 'the value must be a string');
}

/** "1M", "512K", "300" → bytes. */
export function parseSize(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)$/i.exec(text);
  if (!match) throw bad(name, `"${text.slice(0, 32)}" is not a size such as 500K or 2M`);
  return Math.floor(Number(match[1]) * UNITS[match[2].toLowerCase()]);
}

function positiveInteger(name: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw bad(name, 'the value must be a whole number from 1');
  return Number(text);
}

function headerLines(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value as string[];
  throw bad('header', 'header must be a string or a list of "Name: value" strings');
}

function headersOf(options: Aria2Options, url: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const line of headerLines(options.header)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw bad('header', `"${line.slice(0, 64)}" is not "Name: value"`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const referer = textOf(options, 'referer');
  // aria2's "*" means: the URI itself is the referer.
  if (referer) headers.Referer = referer === '*' ? url : referer;
  const agent = textOf(options, 'user-agent');
  if (agent) headers['User-Agent'] = agent;
  return Object.keys(headers).length > 0 ? headers : undefined;
}

function checksumOf(text: string): { algorithm: DigestAlgorithm; hex: string } {
  const eq = text.indexOf('=');
  const algorithm = CHECKSUM_TYPES[text.slice(0, eq).trim().toLowerCase()];
  if (eq <= 0 || !algorithm)
    throw bad('checksum', 'use TYPE=DIGEST with TYPE md5, sha-1, sha-256 or sha-512');
  return {
    algorithm,
    hex: text
      .slice(eq + 1)
      .trim()
      .toLowerCase(),
  };
}

/** The options of aria2.addUri for one URI; `paused` is applied by the caller after adding. */
export function addOptionsOf(
  url: string,
  options: Aria2Options,
): { add: AddDownloadOptions; paused: boolean } {
  const add: AddDownloadOptions = { url };
  const dir = textOf(options, 'dir');
  if (dir) add.directory = dir;
  const out = textOf(options, 'out');
  if (out) add.fileName = out;
  const connections = ['split', 'max-connection-per-server']
    .map((name) => {
      const text = textOf(options, name);
      return text === undefined ? undefined : positiveInteger(name, text);
    })
    .filter((n): n is number => n !== undefined);
  if (connections.length > 0) add.connections = Math.min(MAX_CONNECTIONS, ...connections);
  const limit = textOf(options, 'max-download-limit');
  if (limit !== undefined) add.maxBytesPerSecond = parseSize('max-download-limit', limit);
  const checksum = textOf(options, 'checksum');
  if (checksum) add.checksums = [checksumOf(checksum)];
  const headers = headersOf(options, url);
  if (headers) add.headers = headers;
  const pause = textOf(options, 'pause');
  if (pause !== undefined && pause !== 'true' && pause !== 'false') throw bad('pause', 'use true or false');
  return { add, paused: pause === 'true' };
}

/** getOption: what we know of one download, in aria2's names and string values. */
export function downloadOptionsOf(
  download: DownloadSnapshot,
  settings: EngineSettings,
): Record<string, string> {
  const options: Record<string, string> = {
    dir: download.directory,
    split: String(settings.connectionsPerDownload),
    'max-connection-per-server': String(settings.connectionsPerDownload),
    'max-download-limit': String(download.maxBytesPerSecond ?? 0),
  };
  if (download.fileName) options.out = download.fileName;
  return options;
}

/** getGlobalOption: the settings clients read and show. */
export function globalOptionsOf(settings: EngineSettings): Record<string, string> {
  return {
    dir: settings.directory,
    'max-concurrent-downloads': String(settings.maxConcurrentDownloads),
    'max-overall-download-limit': String(settings.speedLimitBps),
    'max-download-limit': '0',
    split: String(settings.connectionsPerDownload),
    'max-connection-per-server': String(settings.connectionsPerDownload),
    'min-split-size': String(settings.minSplitBytes),
    'max-tries': String(settings.maxRetries),
    timeout: String(settings.timeoutSeconds),
    'connect-timeout': String(settings.connectTimeoutSeconds),
    continue: 'true',
  };
}

/**
 * changeGlobalOption: the options that have a setting here become a settings patch. Others (BitTorrent,
 * FTP, …) are ignored, since clients such as AriaNg send whole option pages.
 */
export function settingsPatchOf(options: Aria2Options): Partial<EngineSettings> {
  const patch: Partial<EngineSettings> = {};
  const dir = textOf(options, 'dir');
  if (dir) patch.directory = dir;
  const concurrent = textOf(options, 'max-concurrent-downloads');
  if (concurrent !== undefined)
    patch.maxConcurrentDownloads = positiveInteger('max-concurrent-downloads', concurrent);
  const limit = textOf(options, 'max-overall-download-limit');
  if (limit !== undefined) patch.speedLimitBps = parseSize('max-overall-download-limit', limit);
  for (const name of ['split', 'max-connection-per-server']) {
    const text = textOf(options, name);
    if (text !== undefined)
      patch.connectionsPerDownload = Math.min(MAX_CONNECTIONS, positiveInteger(name, text));
  }
  const tries = textOf(options, 'max-tries');
  if (tries !== undefined) {
    if (!/^\d+$/.test(tries)) throw bad('max-tries', 'the value must be a whole number');
    patch.maxRetries = Number(tries);
  }
  const minSplit = textOf(options, 'min-split-size');
  if (minSplit !== undefined) patch.minSplitBytes = parseSize('min-split-size', minSplit);
  // Seconds, as aria2 takes them; the settings' own limits (1-600) are checked where they apply.
  const timeout = textOf(options, 'timeout');
  if (timeout !== undefined) patch.timeoutSeconds = positiveInteger('timeout', timeout);
  const connectTimeout = textOf(options, 'connect-timeout');
  if (connectTimeout !== undefined)
    patch.connectTimeoutSeconds = positiveInteger('connect-timeout', connectTimeout);
  return patch;
}
