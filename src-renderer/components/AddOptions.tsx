// The options popover of the add bar: folder, file name, connections, expected checksum.
import type { AddFormValues } from '../lib/add-form';
import { MAX_CONNECTIONS } from '../lib/add-form';
import { useCommands, useServices } from '../app-context';
import { RequestOptionsFields } from './RequestOptionsFields';

interface AddOptionsProps {
  values: AddFormValues;
  onChange: (values: AddFormValues) => void;
  error: { field: keyof AddFormValues; message: string } | null;
  defaultDirectory: string | undefined;
}

export function AddOptions({ values, onChange, error, defaultDirectory }: AddOptionsProps) {
  const { canChooseFolder } = useServices();
  const commands = useCommands();
  const set = (field: keyof AddFormValues) => (value: string) => onChange({ ...values, [field]: value });
  const chooseFolder = async () => {
    const folder = await commands.chooseFolder();
    if (folder !== null) set('directory')(folder);
  };
  const errorFor = (field: keyof AddFormValues) =>
    error?.field === field ? (
      <span className="field-error" role="alert" id={`add-${field}-error`}>
        {error.message}
      </span>
    ) : null;
  return (
    <div className="add-options" role="group" aria-label="Options for the links to add">
      <label className="field">
        <span>Folder</span>
        <span className="field-row">
          <input
            type="text"
            value={values.directory}
            placeholder={defaultDirectory ?? 'Default download folder'}
            onChange={(e) => set('directory')(e.target.value)}
          />
          {canChooseFolder && (
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              Choose…
            </button>
          )}
        </span>
      </label>
      <label className="field">
        <span>File name</span>
        <input
          type="text"
          value={values.fileName}
          placeholder="From the server (one link only)"
          aria-invalid={error?.field === 'fileName'}
          onChange={(e) => set('fileName')(e.target.value)}
        />
        {errorFor('fileName')}
      </label>
      <label className="field field-narrow">
        <span>Connections</span>
        <input
          type="number"
          min={1}
          max={MAX_CONNECTIONS}
          value={values.connections}
          placeholder="Default"
          aria-invalid={error?.field === 'connections'}
          onChange={(e) => set('connections')(e.target.value)}
        />
        {errorFor('connections')}
      </label>
      <label className="field field-wide">
        <span>Expected checksum</span>
        <input
          type="text"
          value={values.checksum}
          placeholder="sha256=…  (md5, sha1, sha256, sha512, crc32c)"
          spellCheck={false}
          aria-invalid={error?.field === 'checksum'}
          onChange={(e) => set('checksum')(e.target.value)}
        />
        {errorFor('checksum')}
      </label>
      <RequestOptionsFields values={values} onChange={onChange} error={error} />
    </div>
  );
}
