// Validation of a settings patch, from the UI, the aria2 RPC or the settings file read back from disk.
import type { AppSettings, Theme } from './ipc-contract';
import {
  absolutePath,
  checked,
  fail,
  guarded,
  limited,
  record,
  text,
  type Validator,
} from './guard-primitives';
import { isTimeOfDay, TIME_OF_DAY_HINT } from './time-of-day';
import { checkNoProxyList, checkProxyUrl } from './proxy-url';
import { isNumericSetting } from './setting-limits';

const THEMES: Record<Theme, true> = { light: true, dark: true, system: true };

const SETTINGS_KEYS: readonly (keyof AppSettings)[] = [
  'directory',
  'maxConcurrentDownloads',
  'connectionsPerDownload',
  'chunkSizeBytes',
  'minSplitBytes',
  'maxConnectionsTotal',
  'maxRetries',
  'speedLimitBps',
  'maxFileSizeBytes',
  'timeoutSeconds',
  'connectTimeoutSeconds',
  'waitForServerSeconds',
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

/** Validates a settings patch, e.g. one read back from disk. */
export const validateSettingsPatch: Validator<Partial<AppSettings>> = guarded(settingsPatch);
