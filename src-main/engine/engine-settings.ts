// Engine defaults and the bounds every setting is held to, whoever sets it.
import os from 'node:os';
import path from 'node:path';
import type { EngineSettings } from '../../src-shared/download-types';
import { checkSetting, isNumericSetting, SETTING_LIMITS } from '../../src-shared/setting-limits';
import type { ConnectionTimeouts } from './fetch/worker-protocol';
import { DownloadError } from './errors';
import { checkNoProxyList, checkProxyUrl } from '../../src-shared/proxy-url';
import { isTimeOfDay, TIME_OF_DAY_HINT } from '../../src-shared/time-of-day';

export const MAX_CONNECTIONS_PER_DOWNLOAD = SETTING_LIMITS.connectionsPerDownload.max;
export const MIN_SPLIT_BYTES = 1 << 20;
/** The smallest chunk size a user may ask for. */
export const MIN_CHUNK_BYTES = SETTING_LIMITS.chunkSizeBytes.min;

/**
 * The timeouts every request of a download gets: `timeoutSeconds` bounds any wait for a byte, the
 * response head as well as the body, as aria2c's --timeout does; `overrides` (in ms) are the engine
 * options' finer values, which tests use for sub-second timeouts.
 */
export function connectionTimeouts(
  settings: EngineSettings,
  overrides: Partial<ConnectionTimeouts> = {},
): ConnectionTimeouts {
  const stallMs = settings.timeoutSeconds * 1000;
  return {
    connectMs: settings.connectTimeoutSeconds * 1000,
    headersMs: stallMs,
    idleMs: stallMs,
    ...overrides,
  };
}

export function defaultSettings(): EngineSettings {
  return {
    directory: path.join(os.homedir(), 'Downloads'),
    maxConcurrentDownloads: 3,
    connectionsPerDownload: 8,
    chunkSizeBytes: 0,
    minSplitBytes: MIN_SPLIT_BYTES,
    maxConnectionsTotal: 64,
    maxRetries: 8,
    speedLimitBps: 0,
    maxFileSizeBytes: 0,
    proxy: '',
    noProxy: '',
    timeoutSeconds: 30,
    connectTimeoutSeconds: 15,
    waitForServerSeconds: 5 * 60,
  };
}

function proxySetting(value: unknown): string {
  if (value === '') return '';
  const checked = typeof value === 'string' ? checkProxyUrl(value) : undefined;
  if (!checked?.ok) {
    throw new DownloadError('INVALID_INPUT', `proxy: ${checked?.message ?? 'must be text'}`);
  }
  return checked.value;
}

function noProxySetting(value: unknown): string {
  const checked = typeof value === 'string' ? checkNoProxyList(value) : undefined;
  if (!checked?.ok) {
    throw new DownloadError('INVALID_INPUT', `noProxy: ${checked?.message ?? 'must be text'}`);
  }
  return checked.value;
}

/** Applies a patch after checking every field; unknown fields are rejected. */
export function applySettingsPatch(current: EngineSettings, patch: Partial<EngineSettings>): EngineSettings {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'directory') {
      if (typeof value !== 'string' || value.length === 0 || value.includes('\0')) {
        throw new DownloadError('INVALID_INPUT', 'directory must be a folder path');
      }
      next.directory = path.resolve(value);
    } else if (key === 'proxy') {
      next.proxy = proxySetting(value);
    } else if (key === 'noProxy') {
      next.noProxy = noProxySetting(value);
    } else if (isNumericSetting(key)) {
      const problem = checkSetting(key, value);
      if (problem !== null) throw new DownloadError('INVALID_INPUT', `${key}: ${problem}`);
      next[key] = value as number;
    } else if (key === 'queueStartAt' || key === 'queueStopAt') {
      if (typeof value !== 'string' || (value !== '' && !isTimeOfDay(value))) {
        throw new DownloadError('INVALID_INPUT', `${key} must be ${TIME_OF_DAY_HINT}`);
      }
      next[key] = value;
    } else {
      throw new DownloadError('INVALID_INPUT', `unknown setting ${key}`);
    }
  }
  return next;
}
