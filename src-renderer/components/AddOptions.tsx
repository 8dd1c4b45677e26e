// The options popover of the add bar: folder, file name, connections, expected checksum.
import type { AddFormValues } from '../lib/add-form';
import { MAX_CONNECTIONS } from '../lib/add-form';
import { fieldBinder } from '../lib/field-binding';
import { useCommands, useServices } from '../app-context';
import { RequestOptionsFields } from './RequestOptionsFields';
import { TextField } from './TextField';

interface AddOptionsProps {
  values: AddFormValues;
  onChange: (values: AddFormValues) => void;
  error: { field: keyof AddFormValues; message: string } | null;
  defaultDirectory: string | undefined;
}

export function AddOptions({ values, onChange, error, defaultDirectory }: AddOptionsProps) {
  const { canChooseFolder } = useServices();
  const commands = useCommands();
  const bind = fieldBinder<keyof AddFormValues>({
    idPrefix: 'add',
    values,
    set: (field, value) => onChange({ ...values, [field]: value }),
    errorOf: (field) => (error?.field === field ? error.message : undefined),
  });
  const folder = bind('directory');
  const chooseFolder = async () => {
    const chosen = await commands.chooseFolder();
    if (chosen !== null) folder.onChange(chosen);
  };
  return (
    <div className="add-options" role="group" aria-label="Options for the links to add">
      <label className="field">
        <span>Folder</span>
        <span className="field-row">
          <input
            type="text"
            value={folder.value}
            placeholder={defaultDirectory ?? 'Default download folder'}
            onChange={(e) => folder.onChange(e.target.value)}
          />
          {canChooseFolder && (
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              Choose…
            </button>
          )}
        </span>
      </label>
      <TextField label="File name" placeholder="From the server (one link only)" {...bind('fileName')} />
      <TextField
        label="Connections"
        size="narrow"
        placeholder="Default"
        number={{ min: 1, max: MAX_CONNECTIONS }}
        {...bind('connections')}
      />
      <TextField
        label="Expected checksum"
        size="wide"
        placeholder="sha256=…  (md5, sha1, sha256, sha512, crc32c)"
        verbatim
        {...bind('checksum')}
      />
      <RequestOptionsFields bind={bind} />
    </div>
  );
}
