// A checksum mismatch has two honest fixes: the expected value was wrong (correct it, and the bytes
// already on disk are checked again without downloading them), or the bytes were damaged on the way
// (download again). A new link would fetch the same bytes.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { useCommands } from '../app-context';
import { parseChecksum } from '../lib/parse-checksum';

function mismatchedChecksum(download: DownloadSnapshot): string {
  const mismatch = download.integrity.find((result) => result.status === 'mismatch');
  return mismatch?.expected === undefined ? '' : `${mismatch.algorithm}=${mismatch.expected}`;
}

export function ChecksumFix({ download }: { download: DownloadSnapshot }) {
  const commands = useCommands();
  const [text, setText] = useState(() => mismatchedChecksum(download));
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseChecksum(text);
    if (!parsed.ok || parsed.value === null) {
      setProblem(parsed.ok ? 'Enter the expected checksum, for example sha256=9f86d08…' : parsed.message);
      return;
    }
    setProblem(null);
    await commands.recheck(download.id, [parsed.value]);
  };
  return (
    <div className="checksum-fix" role="group" aria-label="Fix the checksum mismatch">
      <form onSubmit={(event) => void onSubmit(event)}>
        <label className="field">
          <span>Correct expected checksum</span>
          <span className="field-row">
            <input
              type="text"
              value={text}
              spellCheck={false}
              aria-invalid={problem !== null}
              aria-describedby={problem === null ? undefined : 'checksum-fix-error'}
              onChange={(e) => {
                setText(e.target.value);
                setProblem(null);
              }}
            />
            <button type="submit" className="button">
              Check the file with this checksum
            </button>
          </span>
          {problem !== null && (
            <span className="field-error" role="alert" id="checksum-fix-error">
              {problem}
            </span>
          )}
        </label>
      </form>
      <p className="checksum-fix-again">
        The checksum is right?{' '}
        <button type="button" className="button" onClick={() => void commands.retry([download.id])}>
          Download again
        </button>
      </p>
    </div>
  );
}
