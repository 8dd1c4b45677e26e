// Engine and appearance settings. Saved settings persist in the host (app or `pdl serve`).
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Theme } from '../../src-shared/ipc-contract';
import { useAppStore, useCommands, useServices } from '../app-context';
import { useModal } from '../hooks/use-modal';
import { describeError } from '../lib/error-text';
import { fieldBinder } from '../lib/field-binding';
import {
  checkSettingsField,
  limitOf,
  readSettingsForm,
  refusedField,
  toSettingsForm,
} from '../lib/settings-form';
import type { NumberField, SettingsFormValues } from '../lib/settings-form';
import { NotifyToggle } from './NotifyToggle';
import { RpcEndpointInfo } from './RpcEndpointInfo';
import { ProxySettingsFields } from './ProxySettingsFields';
import { ScheduleFields } from './settings/ScheduleFields';
import { TextField } from './TextField';

interface SettingsDialogProps {
  open: boolean;
  onClose: () => void;
}

type FieldErrors = Partial<Record<keyof SettingsFormValues, string>>;

const NUMBER_FIELDS: { field: NumberField; label: string; hint: string }[] = [
  { field: 'maxConcurrentDownloads', label: 'Downloads at once', hint: 'Others wait in the queue.' },
  { field: 'connectionsPerDownload', label: 'Connections per download', hint: 'Parallel ranges per file.' },
  { field: 'chunkSizeMiB', label: 'Chunk size (MiB)', hint: '0 = file size ÷ connections.' },
  { field: 'maxRetries', label: 'Retries per chunk', hint: 'With growing waits between attempts.' },
  { field: 'speedLimitKiBps', label: 'Speed limit (KiB/s)', hint: 'Across all downloads. 0 = unlimited.' },
  { field: 'maxFileSizeMiB', label: 'Largest file (MiB)', hint: 'A larger download stops. 0 = no limit.' },
  {
    field: 'timeoutSeconds',
    label: 'Timeout without data (s)',
    hint: 'An attempt with no byte for this long is retried.',
  },
  {
    field: 'connectTimeoutSeconds',
    label: 'Connect timeout (s)',
    hint: 'To reach the server, TLS included.',
  },
  {
    field: 'waitForServerSeconds',
    label: 'Wait for an unreachable server (s)',
    hint: 'Keeps trying a server that is down. 0 = only the retries.',
  },
];

export function SettingsDialog({ open, onClose }: SettingsDialogProps) {
  const settings = useAppStore((state) => state.settings);
  const { canChooseFolder } = useServices();
  const commands = useCommands();
  const [values, setValues] = useState<SettingsFormValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  // A refusal by the downloader itself (e.g. a folder it cannot use), shown inside the dialog.
  const [refusal, setRefusal] = useState<string | null>(null);
  const close = useCallback(() => onClose(), [onClose]);
  const ref = useModal(open, close);

  // The form starts from the saved settings each time it opens; later pushes do not overwrite edits.
  const loaded = settings !== null;
  useEffect(() => {
    if (open && settings !== null) {
      setValues(toSettingsForm(settings));
      setErrors({});
      setRefusal(null);
    }
  }, [open, loaded]);

  const set = <K extends keyof SettingsFormValues>(field: K, value: SettingsFormValues[K]) => {
    if (values === null) return;
    const next = { ...values, [field]: value };
    setValues(next);
    setRefusal(null);
    // A field shown as wrong is checked on every edit, so its message goes as soon as it is right.
    if (errors[field] !== undefined) {
      const problem = checkSettingsField(field, next);
      setErrors((previous) => {
        const rest = { ...previous };
        delete rest[field];
        return problem === null ? rest : { ...rest, [field]: problem };
      });
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (values === null) return;
    const read = readSettingsForm(values);
    if (!read.ok) {
      setErrors({ [read.field]: read.message });
      return;
    }
    setErrors({});
    const saved = await commands.updateSettings(read.patch);
    if (saved.ok) {
      onClose();
      return;
    }
    const about = refusedField(saved.error.message);
    if (about === null) setRefusal(describeError(saved.error).headline);
    else setErrors({ [about.field]: describeError({ ...saved.error, message: about.message }).headline });
  };
  const chooseFolder = async () => {
    const folder = await commands.chooseFolder();
    if (folder !== null) set('directory', folder);
  };
  const bind = (form: SettingsFormValues, field: NumberField | 'directory') =>
    fieldBinder<typeof field>({ idPrefix: 'settings', values: form, set, errorOf: (f) => errors[f] })(field);

  return (
    <dialog ref={ref} className="dialog settings-dialog" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {values === null ? (
        <p>Settings load once the downloader is connected.</p>
      ) : (
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <TextField
            label="Download folder"
            beside={
              canChooseFolder && (
                <button type="button" className="button" onClick={() => void chooseFolder()}>
                  Choose…
                </button>
              )
            }
            {...bind(values, 'directory')}
          />
          <div className="settings-grid">
            {NUMBER_FIELDS.map(({ field, label, hint }) => (
              <TextField
                key={field}
                label={label}
                hint={hint}
                number={{ min: 0, step: limitOf(field).display.step }}
                {...bind(values, field)}
              />
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
          <ScheduleFields values={values} set={set} errors={errors} />
          <ProxySettingsFields values={values} set={set} errors={errors} />
          <RpcEndpointInfo open={open} />
          <NotifyToggle />
          {refusal !== null && (
            <p className="dialog-error" role="alert">
              {refusal}
            </p>
          )}
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
