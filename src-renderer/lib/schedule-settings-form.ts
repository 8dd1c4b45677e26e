// The queue's start and stop times in the settings dialog, checked with the one definition of a
// time of day that the IPC guard and the engine use.
import type { AppSettings } from '../../src-shared/ipc-contract';
import { isTimeOfDay, TIME_OF_DAY_HINT } from '../../src-shared/time-of-day';

export interface ScheduleSettingsValues {
  queueStartAt: string;
  queueStopAt: string;
}

export type ScheduleField = keyof ScheduleSettingsValues;

export const SCHEDULE_FIELD_LABELS: Readonly<Record<ScheduleField, string>> = {
  queueStartAt: 'Start the queue at',
  queueStopAt: 'Stop the queue at',
};

export type ScheduleSettingsResult =
  | { ok: true; patch: Pick<AppSettings, ScheduleField> }
  | { ok: false; field: ScheduleField; message: string };

export function toScheduleSettingsForm(settings: AppSettings): ScheduleSettingsValues {
  return { queueStartAt: settings.queueStartAt ?? '', queueStopAt: settings.queueStopAt ?? '' };
}

/** What a time field must hold, as an instruction: "Start the queue at a time as HH:MM …". */
export function scheduleFieldRule(field: ScheduleField): string {
  return `${SCHEDULE_FIELD_LABELS[field]} ${TIME_OF_DAY_HINT}.`;
}

/** The problem with one time field, or null; empty means "not scheduled". */
export function checkScheduleField(field: ScheduleField, values: ScheduleSettingsValues): string | null {
  const text = values[field].trim();
  return text === '' || isTimeOfDay(text) ? null : scheduleFieldRule(field);
}

export function readScheduleSettingsForm(values: ScheduleSettingsValues): ScheduleSettingsResult {
  for (const field of ['queueStartAt', 'queueStopAt'] as const) {
    const message = checkScheduleField(field, values);
    if (message !== null) return { ok: false, field, message };
  }
  return {
    ok: true,
    patch: { queueStartAt: values.queueStartAt.trim(), queueStopAt: values.queueStopAt.trim() },
  };
}
