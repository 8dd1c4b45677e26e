// Runtime validation of every request payload: the renderer (or a WebSocket client) is untrusted.
// Each validator builds a fresh object from the keys it knows, so nothing unexpected reaches the engine.
import type { AddDownloadOptions, DigestAlgorithm, ExpectedChecksum } from './download-types';
import { DIGEST_HEX_LENGTH } from './download-types';
import type { AppSettings, IdsPayload, RequestChannel, RequestPayload, Result, Theme } from './ipc-contract';
import { isRequestChannel } from './ipc-contract';
import { isTimeOfDay, TIME_OF_DAY_HINT } from './time-of-day';
import { checkRequestHeaders } from './request-headers';
import { checkNoProxyList, checkProxyUrl, type Checked } from './proxy-url';
import { checkSetting, isNumericSetting } from './setting-limits';
import type { NumericSetting } from './setting-limits';

export const MAX_BATCH_ITEMS = 1000;
export const MAX_ID_LENGTH = 128;
export const MAX_URL_LENGTH = 8192;
export const MAX_PATH_LENGTH = 4096;
export const MAX_FILE_NAME_LENGTH = 255;
export const MAX_CHECKSUMS = 5;

const HEX_LENGTH = DIGEST_HEX_LENGTH;
const THEMES: Record<Theme, true> = { light: true, dark: true, system: true };

export type Validator<T> = (payload: unknown) => Result<T>;

/** Thrown inside a validator and turned into an INVALID_INPUT result at its edge. */
class InvalidInput extends Error {}

function fail(message: string): never {
  throw new InvalidInput(message);
}

function record(value: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object`);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) fail(`${what} must be a plain object`);
  // Object.keys also lists an own "__proto__" created by JSON.parse, so pollution keys are refused here.
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  if (extra.length > 0) fail(`${what} has unknown field(s): ${extra.join(', ')}`);
  return value as Record<string, unknown>;
}

function checked<T>(result: Checked<T>): T {
  if (!result.ok) fail(result.message);
  return result.value;
}

function emptyPayload(value: unknown): Record<string, never> {
  if (value === undefined || value === null) return {};
  record(value, 'payload', []);
  return {};
}

function integer(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${what} must be an integer`);
  if (value < min || value > max) fail(`${what} must be between ${min} and ${max}`);
  return value;
}

/** A number held to the shared setting limits (the same check the form and the engine make). */
function limited(value: unknown, what: string, key: NumericSetting): number {
  const problem = checkSetting(key, value);
  if (problem !== null) fail(`${what}: ${problem}`);
  return value as number;
}

function boolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail(`${what} must be true or false`);
  return value;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function text(value: unknown, what: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0) fail(`${what} must be a non-empty string`);
  if (value.length > maxLength) fail(`${what} is longer than ${maxLength} characters`);
  // Control characters have no place in ids, paths or URLs and confuse logs and file systems.
  if (hasControlCharacter(value)) fail(`${what} contains control characters`);
  return value;
}

function httpUrl(value: unknown, what = 'url'): string {
  const raw = text(value, what, MAX_URL_LENGTH).trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(`${what} is not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${what} must be an http(s) URL`);
  if (url.hostname === '') fail(`${what} has no host`);
  return url.href;
}

/** True for a parseable http(s) URL, e.g. a command-line argument. */
export function isHttpUrl(value: unknown): boolean {
  return guarded(httpUrl)(value).ok;
}

function absolutePath(value: unknown, what: string): string {
  const path = text(value, what, MAX_PATH_LENGTH);
  // POSIX "/…", Windows "C:\…" or "C:/…", and UNC "\\server\…".
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) fail(`${what} must be an absolute path`);
  return path;
}

function fileName(value: unknown): string {
  const name = text(value, 'fileName', MAX_FILE_NAME_LENGTH);
  if (/[\\/]/.test(name)) fail('fileName must not contain path separators');
  if (name === '.' || name === '..') fail('fileName must name a file');
  return name;
}

function id(value: unknown, what = 'id'): string {
  return text(value, what, MAX_ID_LENGTH);
}

function list<T>(value: unknown, what: string, max: number, item: (entry: unknown, at: string) => T): T[] {
  if (!Array.isArray(value)) fail(`${what} must be an array`);
  if (value.length === 0) fail(`${what} must not be empty`);
  if (value.length > max) fail(`${what} has more than ${max} items`);
  return value.map((entry, index) => item(entry, `${what}[${index}]`));
}

function checksum(value: unknown, what: string): ExpectedChecksum {
  const input = record(value, what, ['algorithm', 'hex']);
  const algorithm = input.algorithm;
  if (typeof algorithm !== 'string' || !Object.prototype.hasOwnProperty.call(HEX_LENGTH, algorithm)) {
    fail(`${what}.algorithm must be one of ${Object.keys(HEX_LENGTH).join(', ')}`);
  }
  const digest = algorithm as DigestAlgorithm;
  const hex = text(input.hex, `${what}.hex`, 128).trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== HEX_LENGTH[digest]) {
    fail(`${what}.hex must be ${HEX_LENGTH[digest]} hex digits for ${digest}`);
  }
  return { algorithm: digest, hex };
}

function addOptions(value: unknown, what: string): AddDownloadOptions {
  const input = record(value, what, [
    'url',
    'directory',
    'fileName',
    'connections',
    'chunkSizeBytes',
    'proxy',
    'checksums',
    'allowDuplicate',
    'headers',
    'maxBytesPerSecond',
  ]);
  const options: AddDownloadOptions = { url: httpUrl(input.url, `${what}.url`) };
  if (input.directory !== undefined) options.directory = absolutePath(input.directory, `${what}.directory`);
  if (input.fileName !== undefined) options.fileName = fileName(input.fileName);
  if (input.connections !== undefined) {
    options.connections = limited(input.connections, `${what}.connections`, 'connectionsPerDownload');
  }
  if (input.chunkSizeBytes !== undefined) {
    options.chunkSizeBytes = limited(input.chunkSizeBytes, `${what}.chunkSizeBytes`, 'chunkSizeBytes');
  }
  if (input.proxy !== undefined)
    options.proxy = checked(checkProxyUrl(text(input.proxy, `${what}.proxy`, 4096)));
  if (input.checksums !== undefined) {
    options.checksums = list(input.checksums, `${what}.checksums`, MAX_CHECKSUMS, checksum);
  }
  if (input.allowDuplicate !== undefined) {
    if (typeof input.allowDuplicate !== 'boolean') fail(`${what}.allowDuplicate must be true or false`);
    options.allowDuplicate = input.allowDuplicate;
  }
  if (input.headers !== undefined) {
    const headers = checkRequestHeaders(input.headers);
    if (!headers.ok) fail(`${what}.${headers.message}`);
    options.headers = headers.value;
  }
  if (input.maxBytesPerSecond !== undefined) {
    options.maxBytesPerSecond = limited(
      input.maxBytesPerSecond,
      `${what}.maxBytesPerSecond`,
      'speedLimitBps',
    );
  }
  return options;
}

function ids(
  value: unknown,
  extraKeys: readonly string[] = [],
): { input: Record<string, unknown> } & IdsPayload {
  const input = record(value, 'payload', ['ids', ...extraKeys]);
  const values = list(input.ids, 'ids', MAX_BATCH_ITEMS, (entry, at) => id(entry, at));
  return { input, ids: [...new Set(values)] };
}

const SETTINGS_KEYS: readonly (keyof AppSettings)[] = [
  'directory',
  'maxConcurrentDownloads',
  'connectionsPerDownload',
  'chunkSizeBytes',
  'minSplitBytes',
  'maxConnectionsTotal',
  'maxRetries',
  'speedLimitBps',
  'proxy',
  'noProxy',
  'theme',
  'queueStartAt',
  'queueStopAt',
];

function settingsPatch(value: unknown): Partial<AppSettings> {
  const input = record(value, 'settings', SETTINGS_KEYS);
  const patch: Partial<AppSettings> = {};
  for (const [key, entry] of Object.entries(input)) {
    if (entry === undefined) continue;
    if (key === 'directory') {
      patch.directory = absolutePath(entry, 'directory');
    } else if (key === 'theme') {
      if (typeof entry !== 'string' || !Object.prototype.hasOwnProperty.call(THEMES, entry)) {
        fail(`theme must be one of ${Object.keys(THEMES).join(', ')}`);
      }
      patch.theme = entry as Theme;
    } else if (key === 'proxy') {
      // Both may be emptied: no proxy in the settings, nothing exempt.
      patch.proxy = entry === '' ? '' : checked(checkProxyUrl(text(entry, 'proxy', 4096)));
    } else if (key === 'noProxy') {
      patch.noProxy = entry === '' ? '' : checked(checkNoProxyList(text(entry, 'noProxy', 8192)));
    } else if (key === 'queueStartAt' || key === 'queueStopAt') {
      if (typeof entry !== 'string' || (entry !== '' && !isTimeOfDay(entry)))
        fail(`${key} must be ${TIME_OF_DAY_HINT}`);
      patch[key] = entry;
    } else if (isNumericSetting(key)) {
      patch[key] = limited(entry, key, key);
    }
  }
  return patch;
}

type Validators = { [C in RequestChannel]: Validator<RequestPayload<C>> };

function guarded<T>(parse: (payload: unknown) => T): Validator<T> {
  return (payload) => {
    try {
      return { ok: true, value: parse(payload) };
    } catch (err) {
      if (!(err instanceof InvalidInput)) throw err;
      return { ok: false, error: { code: 'INVALID_INPUT', message: err.message, retryable: false } };
    }
  };
}

const validateEmpty = guarded(emptyPayload);
const validateIds = guarded((payload) => ({ ids: ids(payload).ids }));
const validateIdOnly = guarded((payload) => ({ id: id(record(payload, 'payload', ['id']).id) }));

const validateOpenFile = guarded((payload) => {
  const input = record(payload, 'payload', ['id', 'confirmed']);
  const confirmed = input.confirmed === undefined ? {} : { confirmed: boolean(input.confirmed, 'confirmed') };
  return { id: id(input.id), ...confirmed };
});

// A Record over every channel: adding a channel to the contract without a validator is a compile error.
export const REQUEST_VALIDATORS: Validators = {
  'downloads:add': guarded((payload) => {
    const input = record(payload, 'payload', ['items']);
    return { items: list(input.items, 'items', MAX_BATCH_ITEMS, addOptions) };
  }),
  'downloads:pause': validateIds,
  'downloads:resume': validateIds,
  'downloads:cancel': validateIds,
  'downloads:retry': validateIds,
  'downloads:remove': guarded((payload) => {
    const parsed = ids(payload, ['deleteFile']);
    return { ids: parsed.ids, deleteFile: boolean(parsed.input.deleteFile, 'deleteFile') };
  }),
  'downloads:reorder': guarded((payload) => {
    const input = record(payload, 'payload', ['id', 'toIndex']);
    return { id: id(input.id), toIndex: integer(input.toIndex, 'toIndex', 0, 1_000_000) };
  }),
  'downloads:list': validateEmpty,
  'downloads:refresh-url': guarded((payload) => {
    const input = record(payload, 'payload', ['id', 'url']);
    return { id: id(input.id), url: httpUrl(input.url) };
  }),
  'downloads:recheck': guarded((payload) => {
    const input = record(payload, 'payload', ['id', 'checksums']);
    return { id: id(input.id), checksums: list(input.checksums, 'checksums', MAX_CHECKSUMS, checksum) };
  }),
  'settings:get': validateEmpty,
  'settings:update': guarded(settingsPatch),
  'dialog:choose-folder': validateEmpty,
  'shell:open-file': validateOpenFile,
  'shell:show-in-folder': validateIdOnly,
  'rpc:get-endpoint': validateEmpty,
};

/** Validates a settings patch, e.g. one read back from disk. */
export const validateSettingsPatch: Validator<Partial<AppSettings>> = guarded(settingsPatch);

/** A channel together with its validated payload, narrowed by `channel`. */
export type ValidatedRequest = {
  [C in RequestChannel]: { channel: C; payload: RequestPayload<C> };
}[RequestChannel];

/** Checks the channel and its payload; the result's value is a clean copy safe to hand to the engine. */
export function validateRequest(channel: unknown, payload: unknown): Result<ValidatedRequest> {
  if (!isRequestChannel(channel)) {
    const shown = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `Unknown channel: ${shown}`, retryable: false },
    };
  }
  const result: Result<unknown> = REQUEST_VALIDATORS[channel](payload);
  if (!result.ok) return result;
  return { ok: true, value: { channel, payload: result.value } as ValidatedRequest };
}
