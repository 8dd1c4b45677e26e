// Converts between the settings and the units the settings dialog shows (MiB, KiB/s), checking each
// number against the shared setting limits, the same ones the IPC guard and the engine apply.
import type { AppSettings, Theme } from '../../src-shared/ipc-contract';
import { checkSetting, describeSettingLimit, SETTING_LIMITS } from '../../src-shared/setting-limits';
import type { NumericSetting, SettingLimit } from '../../src-shared/setting-limits';
import { readProxySettingsForm, toProxySettingsForm, type ProxySettingsValues } from './proxy-settings-form';
import {
  checkScheduleField,
  readScheduleSettingsForm,
  scheduleFieldRule,
  toScheduleSettingsForm,
  type ScheduleSettingsValues,
} from './schedule-settings-form';

export interface SettingsFormValues extends ProxySettingsValues, ScheduleSettingsValues {
  directory: string;
  maxConcurrentDownloads: string;
  connectionsPerDownload: string;
  chunkSizeMiB: string;
  maxRetries: string;
  speedLimitKiBps: string;
  maxFileSizeMiB: string;
  timeoutSeconds: string;
  connectTimeoutSeconds: string;
  waitForServerSeconds: string;
  theme: Theme;
}

export type NumberField = Exclude<
  keyof SettingsFormValues,
  'directory' | 'theme' | keyof ProxySettingsValues | keyof ScheduleSettingsValues
>;

/** The setting behind each number field; the field shows it in the limit's display unit. */
export const NUMBER_FIELD_SETTING: Readonly<Record<NumberField, NumericSetting>> = {
  maxConcurrentDownloads: 'maxConcurrentDownloads',
  connectionsPerDownload: 'connectionsPerDownload',
  chunkSizeMiB: 'chunkSizeBytes',
  maxRetries: 'maxRetries',
  speedLimitKiBps: 'speedLimitBps',
  maxFileSizeMiB: 'maxFileSizeBytes',
  timeoutSeconds: 'timeoutSeconds',
  connectTimeoutSeconds: 'connectTimeoutSeconds',
  waitForServerSeconds: 'waitForServerSeconds',
};

const NUMBER_FIELDS = Object.keys(NUMBER_FIELD_SETTING) as NumberField[];

export function limitOf(field: NumberField): SettingLimit {
  return SETTING_LIMITS[NUMBER_FIELD_SETTING[field]];
}

function toDisplay(value: number, limit: SettingLimit): string {
  return String(Math.round((value / limit.display.factor) * 100) / 100);
}

export function toSettingsForm(settings: AppSettings): SettingsFormValues {
  const shown = (field: NumberField) => toDisplay(settings[NUMBER_FIELD_SETTING[field]], limitOf(field));
  return {
    directory: settings.directory,
    maxConcurrentDownloads: shown('maxConcurrentDownloads'),
    connectionsPerDownload: shown('connectionsPerDownload'),
    chunkSizeMiB: shown('chunkSizeMiB'),
    maxRetries: shown('maxRetries'),
    speedLimitKiBps: shown('speedLimitKiBps'),
    maxFileSizeMiB: shown('maxFileSizeMiB'),
    timeoutSeconds: shown('timeoutSeconds'),
    connectTimeoutSeconds: shown('connectTimeoutSeconds'),
    waitForServerSeconds: shown('waitForServerSeconds'),
    theme: settings.theme,
    ...toProxySettingsForm(settings),
    ...toScheduleSettingsForm(settings),
  };
}

type FieldRead = { ok: true; value: number } | { ok: false; message: string };

function readNumberField(field: NumberField, text: string): FieldRead {
  const key = NUMBER_FIELD_SETTING[field];
  const shown = Number(text);
  if (text.trim() === '' || !Number.isFinite(shown)) return { ok: false, message: describeSettingLimit(key) };
  const limit = SETTING_LIMITS[key];
  // Whole-number settings are refused when fractional; unit conversions round to whole bytes.
  const value = limit.display.factor === 1 ? shown : Math.round(shown * limit.display.factor);
  const problem = checkSetting(key, value);
  return problem === null ? { ok: true, value } : { ok: false, message: problem };
}

/** The problem with one field as it is now, or null; the dialog checks a field on every edit. */
export function checkSettingsField(
  field: keyof SettingsFormValues,
  values: SettingsFormValues,
): string | null {
  if (field === 'theme') return null;
  if (field === 'directory') return values.directory.trim() === '' ? 'Choose a download folder.' : null;
  if (field === 'proxy' || field === 'noProxy') {
    const proxy = readProxySettingsForm(values);
    return !proxy.ok && proxy.field === field ? proxy.message : null;
  }
  if (field === 'queueStartAt' || field === 'queueStopAt') return checkScheduleField(field, values);
  const read = readNumberField(field, values[field]);
  return read.ok ? null : read.message;
}

export type SettingsFormResult =
  { ok: true; patch: Partial<AppSettings> } | { ok: false; field: keyof SettingsFormValues; message: string };

export function readSettingsForm(values: SettingsFormValues): SettingsFormResult {
  const directoryProblem = checkSettingsField('directory', values);
  if (directoryProblem !== null) return { ok: false, field: 'directory', message: directoryProblem };
  const patch: Partial<AppSettings> = { directory: values.directory.trim(), theme: values.theme };
  for (const field of NUMBER_FIELDS) {
    const read = readNumberField(field, values[field]);
    if (!read.ok) return { ok: false, field, message: read.message };
    patch[NUMBER_FIELD_SETTING[field]] = read.value;
  }
  const proxy = readProxySettingsForm(values);
  if (!proxy.ok) return proxy;
  const schedule = readScheduleSettingsForm(values);
  if (!schedule.ok) return schedule;
  return { ok: true, patch: { ...patch, ...proxy.patch, ...schedule.patch } };
}

/**
 * The field a refusal by the downloader is about, so the dialog can show it there: the guard and the
 * engine start their messages with the setting's name ("directory must…", "chunkSizeBytes: …").
 */
export function refusedField(message: string): { field: keyof SettingsFormValues; message: string } | null {
  if (/^directory\b/.test(message)) return { field: 'directory', message };
  // The guard and the engine say "queueStartAt must be …"; the form says it in the field's words.
  for (const field of ['queueStartAt', 'queueStopAt'] as const) {
    if (message.startsWith(`${field} `)) return { field, message: scheduleFieldRule(field) };
  }
  for (const field of ['proxy', 'noProxy'] as const) {
    if (message.startsWith(`${field}: `)) return { field, message: message.slice(field.length + 2) };
  }
  for (const field of NUMBER_FIELDS) {
    const prefix = `${NUMBER_FIELD_SETTING[field]}: `;
    if (message.startsWith(prefix)) return { field, message: message.slice(prefix.length) };
  }
  return null;
}
