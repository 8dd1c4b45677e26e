// Engine defaults and the bounds every setting is held to, whoever sets it.
import os from 'node:os';
import path from 'node:path';
import type { EngineSettings } from '../../src-shared/download-types';
import type { ConnectionTimeouts } from './fetch/worker-protocol';
import { DownloadError } from './errors';
import { isTimeOfDay, TIME_OF_DAY_HINT } from '../../src-shared/time-of-day';

export const MAX_CONNECTIONS_PER_DOWNLOAD = 32;
export const MIN_SPLIT_BYTES = 1 << 20;
/** The smallest chunk size a user may ask for. */
export const MIN_CHUNK_BYTES = 64 * 1024;

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = { connectMs: 15_000, headersMs: 30_000, idleMs: 30_000 };

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
  };
}

function integerIn(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new DownloadError('INVALID_INPUT', `${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Applies a patch after checking every field; unknown fields are rejected. */
export function applySettingsPatch(current: EngineSettings, patch: Partial<EngineSettings>): EngineSettings {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key as keyof EngineSettings) {
      case 'directory':
        if (typeof value !== 'string' || value.length === 0 || value.includes('\0')) {
          throw new DownloadError('INVALID_INPUT', 'directory must be a folder path');
        }
        next.directory = path.resolve(value);
        break;
      case 'maxConcurrentDownloads':
        next.maxConcurrentDownloads = integerIn(key, value, 1, 20);
        break;
      case 'connectionsPerDownload':
        next.connectionsPerDownload = integerIn(key, value, 1, MAX_CONNECTIONS_PER_DOWNLOAD);
        break;
      case 'chunkSizeBytes':
        next.chunkSizeBytes = value === 0 ? 0 : integerIn(key, value, MIN_CHUNK_BYTES, 2 ** 40);
        break;
      case 'minSplitBytes':
        next.minSplitBytes = integerIn(key, value, 16 * 1024, 2 ** 32);
        break;
      case 'maxConnectionsTotal':
        next.maxConnectionsTotal = integerIn(key, value, 1, 256);
        break;
      case 'maxRetries':
        next.maxRetries = integerIn(key, value, 0, 100);
        break;
      case 'speedLimitBps':
        next.speedLimitBps = integerIn(key, value, 0, 2 ** 40);
        break;
      case 'queueStartAt':
      case 'queueStopAt':
        if (typeof value !== 'string' || (value !== '' && !isTimeOfDay(value))) {
          throw new DownloadError('INVALID_INPUT', `${key} must be ${TIME_OF_DAY_HINT}`);
        }
        next[key as 'queueStartAt' | 'queueStopAt'] = value;
        break;
      default:
        throw new DownloadError('INVALID_INPUT', `unknown setting ${key}`);
    }
  }
  return next;
}
