// Paste one or many links (one per line) and press Enter to add them all.
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useAppStore, useCommands } from '../app-context';
import { EMPTY_ADD_FORM, readAddForm } from '../lib/add-form';
import type { AddFormValues } from '../lib/add-form';
import { parseUrls } from '../lib/parse-urls';
import { intakeMessage } from '../lib/refused-message';
import { AddOptions } from './AddOptions';
import { Icon } from './Icon';

const MAX_VISIBLE_LINES = 5;

export function AddBar() {
  const commands = useCommands();
  const defaultDirectory = useAppStore((state) => state.settings?.directory);
  const [text, setText] = useState('');
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [form, setForm] = useState<AddFormValues>(EMPTY_ADD_FORM);
  const [formError, setFormError] = useState<{ field: keyof AddFormValues; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // What was wrong with the typed text, shown under the field it is about (not as a toast).
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async () => {
    const parsed = parseUrls(text);
    const { urls, refused } = parsed;
    setNotice(intakeMessage(parsed));
    if (urls.length === 0) return;
    const read = readAddForm(form);
    if (!read.ok) {
      setFormError({ field: read.field, message: read.message });
      setOptionsOpen(true);
      return;
    }
    setFormError(null);
    setBusy(true);
    const added = await commands.add(urls, read.options);
    setBusy(false);
    if (!added) return;
    setText(refused.join('\n'));
    setForm((previous) => ({ ...previous, fileName: '', checksum: '' }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  };
  const lines = Math.min(MAX_VISIBLE_LINES, Math.max(1, text.split('\n').length));

  return (
    <form className="add-bar" onSubmit={onSubmit} aria-label="Add downloads">
      <div className="add-row">
        <textarea
          className="add-input"
          aria-label="Links to download, one per line"
          placeholder="Paste links here, one per line, and press Enter"
          rows={lines}
          value={text}
          spellCheck={false}
          aria-invalid={notice !== null}
          aria-describedby={notice === null ? undefined : 'add-notice'}
          onChange={(e) => {
            setText(e.target.value);
            setNotice(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className={`button${optionsOpen ? ' pressed' : ''}`}
          aria-expanded={optionsOpen}
          aria-controls="add-options"
          onClick={() => setOptionsOpen((open) => !open)}
        >
          <Icon name="sliders" />
          Options
        </button>
        <button type="submit" className="button primary" disabled={busy || text.trim() === ''}>
          <Icon name="plus" />
          Add
        </button>
      </div>
      {notice !== null && (
        <p id="add-notice" className="add-notice" role="alert">
          {notice}
        </p>
      )}
      {optionsOpen && (
        <div id="add-options">
          <AddOptions
            values={form}
            onChange={setForm}
            error={formError}
            defaultDirectory={defaultDirectory}
          />
        </div>
      )}
    </form>
  );
}
