// Engine and appearance settings. Saved settings persist in the host (app or `pdl serve`).
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Theme } from '../../src-shared/ipc-contract';
import { useAppStore, useCommands, useServices } from '../app-context';
import { useModal } from '../hooks/use-modal';
import { readSettingsForm, toSettingsForm } from '../lib/settings-form';
import type { SettingsFormValues } from '../lib/settings-form';
import { QueueScheduleFields } from './QueueScheduleFields';

interface SettingsDialogProps {
  open: boolean;
  onClose: () => void;
}

type NumberField = Exclude<keyof SettingsFormValues, 'directory' | 'theme' | 'queueStartAt' | 'queueStopAt'>;

const NUMBER_FIELDS: { field: NumberField; label: string; hint: string; step?: string }[] = [
  { field: 'maxConcurrentDownloads', label: 'Downloads at once', hint: 'Others wait in the queue.' },
  { field: 'connectionsPerDownload', label: 'Connections per download', hint: 'Parallel ranges per file.' },
  { field: 'chunkSizeMiB', label: 'Chunk size (MiB)', hint: '0 = file size ÷ connections.', step: 'any' },
  { field: 'maxRetries', label: 'Retries per chunk', hint: 'With growing waits between attempts.' },
  { field: 'speedLimitKiBps', label: 'Speed limit (KiB/s)', hint: 'Across all downloads. 0 = unlimited.' },
];

export function SettingsDialog({ open, onClose }: SettingsDialogProps) {
  const settings = useAppStore((state) => state.settings);
  const { canChooseFolder } = useServices();
  const commands = useCommands();
  const [values, setValues] = useState<SettingsFormValues | null>(null);
  const [error, setError] = useState<{ field: keyof SettingsFormValues; message: string } | null>(null);
  const close = useCallback(() => onClose(), [onClose]);
  const ref = useModal(open, close);

  // The form starts from the saved settings each time it opens; later pushes do not overwrite edits.
  const loaded = settings !== null;
  useEffect(() => {
    if (open && settings !== null) {
      setValues(toSettingsForm(settings));
      setError(null);
    }
  }, [open, loaded]);

  const set = <K extends keyof SettingsFormValues>(field: K, value: SettingsFormValues[K]) =>
    setValues((previous) => (previous === null ? previous : { ...previous, [field]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (values === null) return;
    const read = readSettingsForm(values);
    if (!read.ok) {
      setError({ field: read.field, message: read.message });
      return;
    }
    if (await commands.updateSettings(read.patch)) onClose();
  };
  const chooseFolder = async () => {
    const folder = await commands.chooseFolder();
    if (folder !== null) set('directory', folder);
  };
  const fieldError = (field: keyof SettingsFormValues) =>
    error?.field === field ? (
      <span className="field-error" role="alert">
        {error.message}
      </span>
    ) : null;

  return (
    <dialog ref={ref} className="dialog settings-dialog" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {values === null ? (
        <p>Settings load once the downloader is connected.</p>
      ) : (
        <form onSubmit={(event) => void onSubmit(event)}>
          <label className="field">
            <span>Download folder</span>
            <span className="field-row">
              <input
                type="text"
                value={values.directory}
                aria-invalid={error?.field === 'directory'}
                onChange={(e) => set('directory', e.target.value)}
              />
              {canChooseFolder && (
                <button type="button" className="button" onClick={() => void chooseFolder()}>
                  Choose…
                </button>
              )}
            </span>
            {fieldError('directory')}
          </label>
          <div className="settings-grid">
            {NUMBER_FIELDS.map(({ field, label, hint, step }) => (
              <label className="field" key={field}>
                <span>{label}</span>
                <input
                  type="number"
                  min={0}
                  step={step ?? 1}
                  value={values[field]}
                  aria-invalid={error?.field === field}
                  onChange={(e) => set(field, e.target.value)}
                />
                <small className="hint">{hint}</small>
                {fieldError(field)}
              </label>
            ))}
            <label className="field">
              <span>Theme</span>
              <select value={values.theme} onChange={(e) => set('theme', e.target.value as Theme)}>
                <option value="system">Same as the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          </div>
          <QueueScheduleFields values={values} set={set} fieldError={fieldError} />
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary">
              Save
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
