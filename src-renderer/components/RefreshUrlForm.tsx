// A paused or failed download can continue from a new link (an expired signed URL, a mirror).
// The engine accepts it only if the file behind it is the same.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useCommands } from '../app-context';
import { parseUrls } from '../lib/parse-urls';

export function RefreshUrlForm({ id, name }: { id: string; name: string }) {
  const commands = useCommands();
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseUrls(url);
    if (parsed.urls.length !== 1 || parsed.refused.length > 0) {
      setProblem('Enter one http:// or https:// link for this download.');
      return;
    }
    setProblem(null);
    await commands.refreshUrl(id, parsed.urls[0]);
    setUrl('');
  };
  return (
    <form className="refresh-url" noValidate onSubmit={(event) => void onSubmit(event)}>
      <label className="field">
        <span>New link for {name}</span>
        <span className="field-row">
          <input
            type="url"
            value={url}
            placeholder="https://… (same file, e.g. a fresh signed link)"
            aria-invalid={problem !== null}
            aria-describedby={problem === null ? undefined : 'refresh-url-error'}
            onChange={(e) => {
              setUrl(e.target.value);
              setProblem(null);
            }}
          />
          <button type="submit" className="button" disabled={url.trim() === ''}>
            Use this link
          </button>
        </span>
        {problem !== null && (
          <span className="field-error" role="alert" id="refresh-url-error">
            {problem}
          </span>
        )}
      </label>
    </form>
  );
}
