// Runtime validation of every request payload: the renderer (or a WebSocket client) is untrusted.
// Each validator builds a fresh object from the keys it knows, so nothing unexpected reaches the engine.
import type { AddDownloadOptions, DigestAlgorithm, ExpectedChecksum } from './download-types';
import { DIGEST_HEX_LENGTH } from './download-types';
import type { IdsPayload, RequestChannel, RequestPayload, Result } from './ipc-contract';
import { isRequestChannel } from './ipc-contract';
import { checkRequestHeaders } from './request-headers';
import { checkProxyUrl } from './proxy-url';
import {
  absolutePath,
  boolean,
  checked,
  fail,
  guarded,
  integer,
  limited,
  list,
  record,
  text,
  type Validator,
} from './guard-primitives';
import { validateSettingsPatch } from './settings-guards';

export { validateSettingsPatch };

export const MAX_BATCH_ITEMS = 1000;
export const MAX_ID_LENGTH = 128;
export const MAX_URL_LENGTH = 8192;
export const MAX_FILE_NAME_LENGTH = 255;
export const MAX_CHECKSUMS = 5;

const HEX_LENGTH = DIGEST_HEX_LENGTH;

function emptyPayload(value: unknown): Record<string, never> {
  if (value === undefined || value === null) return {};
  record(value, 'payload', []);
  return {};
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

function fileName(value: unknown): string {
  const name = text(value, 'fileName', MAX_FILE_NAME_LENGTH);
  if (/[\\/]/.test(name)) fail('fileName must not contain path separators');
  if (name === '.' || name === '..') fail('fileName must name a file');
  return name;
}

function id(value: unknown, what = 'id'): string {
  return text(value, what, MAX_ID_LENGTH);
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
    'maxFileSizeBytes',
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
  if (input.maxFileSizeBytes !== undefined) {
    options.maxFileSizeBytes = limited(
      input.maxFileSizeBytes,
      `${what}.maxFileSizeBytes`,
      'maxFileSizeBytes',
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

type Validators = { [C in RequestChannel]: Validator<RequestPayload<C>> };

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
  'settings:update': validateSettingsPatch,
  'dialog:choose-folder': validateEmpty,
  'shell:open-file': validateOpenFile,
  'shell:show-in-folder': validateIdOnly,
  'rpc:get-endpoint': validateEmpty,
};

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
