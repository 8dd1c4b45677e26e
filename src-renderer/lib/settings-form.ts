// Converts between the settings and the units the settings dialog shows (MiB, KiB/s).
import type { AppSettings, Theme } from '../../src-shared/ipc-contract';
import { isTimeOfDay } from '../../src-shared/time-of-day';

const MIB = 1024 * 1024;
const KIB = 1024;

export interface SettingsFormValues {
  directory: string;
  maxConcurrentDownloads: string;
  connectionsPerDownload: string;
  chunkSizeMiB: string;
  maxRetries: string;
  speedLimitKiBps: string;
  theme: Theme;
  /** "HH:MM" or empty. */
  queueStartAt: string;
  queueStopAt: string;
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
    queueStartAt: settings.queueStartAt ?? '',
    queueStopAt: settings.queueStopAt ?? '',
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
  for (const field of ['queueStartAt', 'queueStopAt'] as const) {
    const text = values[field].trim();
    if (text !== '' && !isTimeOfDay(text)) {
      return { ok: false, field, message: 'Enter a time as HH:MM (24-hour), or leave it empty.' };
    }
  }
  return {
    ok: true,
    patch: {
      queueStartAt: values.queueStartAt.trim(),
      queueStopAt: values.queueStopAt.trim(),
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
