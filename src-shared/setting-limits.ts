// The one definition of every numeric setting's limits. The settings form, the IPC guard and the
// engine all check values with `checkSetting`, so a value one of them accepts none of them refuses.
import type { EngineSettings } from './download-types';

export type NumericSetting = Exclude<
  keyof EngineSettings,
  'directory' | 'proxy' | 'noProxy' | 'queueStartAt' | 'queueStopAt'
>;

const KIB = 1024;
const MIB = 1024 * 1024;

/** How a person reads and types the value: `factor` base units make one display unit. */
export interface DisplayUnit {
  name: string;
  factor: number;
  /** The finest step the form offers, in display units. */
  step: number;
}

export interface SettingLimit {
  /** What the user calls it; starts a sentence. */
  label: string;
  /** Inclusive bounds in base units (a count, bytes or bytes per second). */
  min: number;
  max: number;
  /** Values are whole multiples of this many base units. */
  step: number;
  display: DisplayUnit;
  /** What 0 means when 0 is allowed below `min` (automatic, unlimited). */
  zeroMeans?: string;
}

const COUNT: DisplayUnit = { name: '', factor: 1, step: 1 };
const SECONDS: DisplayUnit = { name: 's', factor: 1, step: 1 };

export const SETTING_LIMITS: Readonly<Record<NumericSetting, SettingLimit>> = {
  maxConcurrentDownloads: { label: 'Downloads at once', min: 1, max: 20, step: 1, display: COUNT },
  connectionsPerDownload: { label: 'Connections per download', min: 1, max: 32, step: 1, display: COUNT },
  chunkSizeBytes: {
    label: 'Chunk size',
    min: 64 * KIB,
    max: 4096 * MIB,
    step: 1,
    display: { name: 'MiB', factor: MIB, step: 0.0625 },
    zeroMeans: 'automatic',
  },
  minSplitBytes: {
    label: 'Smallest split',
    min: 16 * KIB,
    max: 2 ** 32,
    step: 1,
    display: { name: 'KiB', factor: KIB, step: 1 },
  },
  maxConnectionsTotal: { label: 'Connections in total', min: 1, max: 256, step: 1, display: COUNT },
  maxRetries: { label: 'Retries per chunk', min: 0, max: 100, step: 1, display: COUNT },
  speedLimitBps: {
    label: 'Speed limit',
    min: KIB,
    max: 10 * 1024 * MIB,
    step: 1,
    display: { name: 'KiB/s', factor: KIB, step: 1 },
    zeroMeans: 'unlimited',
  },
  maxFileSizeBytes: {
    label: 'Largest file',
    min: MIB,
    max: 2 ** 50,
    step: 1,
    display: { name: 'MiB', factor: MIB, step: 1 },
    zeroMeans: 'no limit',
  },
  timeoutSeconds: { label: 'Timeout without data', min: 1, max: 600, step: 1, display: SECONDS },
  connectTimeoutSeconds: { label: 'Connect timeout', min: 1, max: 600, step: 1, display: SECONDS },
  waitForServerSeconds: {
    label: 'Wait for an unreachable server',
    min: 0,
    max: 24 * 60 * 60,
    step: 1,
    display: SECONDS,
  },
};

export function isNumericSetting(key: string): key is NumericSetting {
  return Object.prototype.hasOwnProperty.call(SETTING_LIMITS, key);
}

function inDisplayUnits(value: number, limit: SettingLimit): string {
  const shown = (value / limit.display.factor).toLocaleString('en-US', { maximumFractionDigits: 4 });
  return limit.display.name === '' ? shown : `${shown} ${limit.display.name}`;
}

/** The sentence shown when a value is refused, in the units the user types. */
export function describeSettingLimit(key: NumericSetting): string {
  const limit = SETTING_LIMITS[key];
  const range = `from ${inDisplayUnits(limit.min, limit)} to ${inDisplayUnits(limit.max, limit)}`;
  const kind = limit.display.factor === 1 ? 'a whole number ' : '';
  const zero = limit.zeroMeans === undefined ? '' : `0 (${limit.zeroMeans}) or `;
  return `${limit.label} must be ${zero}${kind}${range}.`;
}

/** Null when `value` is allowed for `key` (in base units), else the sentence saying what is. */
export function checkSetting(key: NumericSetting, value: unknown): string | null {
  const limit = SETTING_LIMITS[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return describeSettingLimit(key);
  if (value === 0 && limit.zeroMeans !== undefined) return null;
  if (value < limit.min || value > limit.max || value % limit.step !== 0) return describeSettingLimit(key);
  return null;
}
