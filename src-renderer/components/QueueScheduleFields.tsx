// The queue's schedule in the settings form: when queued downloads start, and when running ones stop.
import type { ReactNode } from 'react';
import type { SettingsFormValues } from '../lib/settings-form';

type ScheduleField = 'queueStartAt' | 'queueStopAt';

const FIELDS: { field: ScheduleField; label: string; hint: string }[] = [
  { field: 'queueStartAt', label: 'Start the queue at', hint: 'Local time. Empty = start at once.' },
  { field: 'queueStopAt', label: 'Stop the queue at', hint: 'Running downloads pause until the next start.' },
];

export function QueueScheduleFields({
  values,
  set,
  fieldError,
}: {
  values: SettingsFormValues;
  set: (field: ScheduleField, value: string) => void;
  fieldError: (field: ScheduleField) => ReactNode;
}) {
  return (
    <fieldset className="settings-grid">
      <legend>Schedule</legend>
      {FIELDS.map(({ field, label, hint }) => (
        <label className="field" key={field}>
          <span>{label}</span>
          <input type="time" value={values[field]} onChange={(e) => set(field, e.target.value)} />
          <small className="hint">{hint}</small>
          {fieldError(field)}
        </label>
      ))}
    </fieldset>
  );
}
