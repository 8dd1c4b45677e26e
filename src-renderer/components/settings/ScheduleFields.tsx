// The queue's daily schedule in the settings dialog: when queued downloads start, and when running
// ones pause until the next start.
import type { SettingsFormValues } from '../../lib/settings-form';
import { SCHEDULE_FIELD_LABELS, type ScheduleField } from '../../lib/schedule-settings-form';

interface ScheduleFieldsProps {
  values: SettingsFormValues;
  set: (field: ScheduleField, value: string) => void;
  errors: Partial<Record<keyof SettingsFormValues, string>>;
}

export function ScheduleFields({ values, set, errors }: ScheduleFieldsProps) {
  const field = (name: ScheduleField) => (
    <label className="field">
      <span>{SCHEDULE_FIELD_LABELS[name]}</span>
      <input
        type="time"
        value={values[name]}
        aria-invalid={errors[name] !== undefined}
        aria-describedby={errors[name] === undefined ? 'settings-schedule-hint' : `settings-${name}-error`}
        onChange={(e) => set(name, e.target.value)}
      />
      {errors[name] !== undefined && (
        <span className="field-error" role="alert" id={`settings-${name}-error`}>
          {errors[name]}
        </span>
      )}
    </label>
  );
  return (
    <fieldset className="settings-schedule">
      <legend>Schedule</legend>
      <div className="settings-grid">
        {field('queueStartAt')}
        {field('queueStopAt')}
      </div>
      <small className="hint" id="settings-schedule-hint">
        Every day, in local time: waiting downloads start at the start time, and running ones pause at the
        stop time until the next start. Leave a time empty for none.
      </small>
    </fieldset>
  );
}
