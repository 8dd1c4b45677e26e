// Converts between the settings and the units the settings dialog shows (MiB, KiB/s).
import type { AppSettings, Theme } from '../../src-shared/ipc-contract';
import { readProxySettingsForm, toProxySettingsForm, type ProxySettingsValues } from './proxy-settings-form';

const MIB = 1024 * 1024;
const KIB = 1024;

export interface SettingsFormValues extends ProxySettingsValues {
  directory: string;
  maxConcurrentDownloads: string;
  connectionsPerDownload: string;
  chunkSizeMiB: string;
  maxRetries: string;
  speedLimitKiBps: string;
  theme: Theme;
}

export function toSettingsForm(settings: AppSettings): SettingsFormValues {
  return {
    directory: settings.directory,
    maxConcurrentDownloads: String(settings.maxConcurrentDownloads),
    connectionsPerDownload: String(settings.connectionsPerDownload),
    chunkSizeMiB: String(Math.round((settings.chunkSizeBytes / MIB) * 100) / 100),
    maxRetries: String(settings.maxRetries),
    speedLimitKiBps: String(Math.round(settings.speedLimitBps / KIB)),
    theme: settings.theme,
    ...toProxySettingsForm(settings),
  };
}

export type SettingsFormResult =
  { ok: true; patch: Partial<AppSettings> } | { ok: false; field: keyof SettingsFormValues; message: string };

export function readSettingsForm(values: SettingsFormValues): SettingsFormResult {
  if (values.directory.trim() === '')
    return { ok: false, field: 'directory', message: 'Choose a download folder.' };
  const integers: [keyof SettingsFormValues, string, number, number][] = [
    ['maxConcurrentDownloads', 'Downloads at once', 1, 20],
    ['connectionsPerDownload', 'Connections per download', 1, 32],
    ['maxRetries', 'Retries', 0, 100],
    ['speedLimitKiBps', 'Speed limit', 0, 10_000_000],
  ];
  const numbers: Partial<Record<keyof SettingsFormValues, number>> = {};
  for (const [field, label, min, max] of integers) {
    const value = Number(values[field]);
    if (values[field].trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      return { ok: false, field, message: `${label} must be a whole number from ${min} to ${max}.` };
    }
    numbers[field] = value;
  }
  const chunkMiB = Number(values.chunkSizeMiB);
  if (values.chunkSizeMiB.trim() === '' || !Number.isFinite(chunkMiB) || chunkMiB < 0 || chunkMiB > 4096) {
    return {
      ok: false,
      field: 'chunkSizeMiB',
      message: 'Chunk size must be from 0 (automatic) to 4096 MiB.',
    };
  }
  const proxy = readProxySettingsForm(values);
  if (!proxy.ok) return proxy;
  return {
    ok: true,
    patch: {
      ...proxy.patch,
      directory: values.directory.trim(),
      maxConcurrentDownloads: numbers.maxConcurrentDownloads,
      connectionsPerDownload: numbers.connectionsPerDownload,
      chunkSizeBytes: Math.round(chunkMiB * MIB),
      maxRetries: numbers.maxRetries,
      speedLimitBps: (numbers.speedLimitKiBps ?? 0) * KIB,
      theme: values.theme,
    },
  };
}
