// Asks before downloading what is already there: a finished file (Open / Download again / Cancel) or
// a download still in the queue. The safe choice has the focus, so Enter never fetches a copy.
import { useCallback } from 'react';
import { useAppStore, useCommands } from '../app-context';
import { useModal } from '../hooks/use-modal';

export function DuplicateDialog() {
  const pending = useAppStore((state) => state.pendingDuplicate);
  const ask = useAppStore((state) => state.askDuplicate);
  const commands = useCommands();
  const onClose = useCallback(() => ask(null), [ask]);
  const ref = useModal(pending !== null, onClose);
  if (pending === null) return <dialog ref={ref} className="dialog" />;

  const [refused, ...rest] = pending.items;
  const filePath = pending.duplicate.filePath;
  /** Each answer settles the refused link, then the rest of the same add continues. */
  const answer = (again: boolean, open: boolean) => () => {
    ask(null);
    if (open) void commands.openFile(pending.duplicate.id);
    const next = again && refused ? [{ ...refused, allowDuplicate: true }, ...rest] : rest;
    void commands.addItems(next);
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="duplicate-title" aria-describedby="duplicate-url">
      <h2 id="duplicate-title">
        {filePath
          ? `Already downloaded to ${filePath}. Download again?`
          : 'Already in the queue. Add it again?'}
      </h2>
      <p id="duplicate-url" className="mono">
        {refused?.url}
      </p>
      <div className="dialog-buttons">
        {filePath && (
          <button type="button" className="button" onClick={answer(false, true)}>
            Open
          </button>
        )}
        <button type="button" className="button" onClick={answer(true, false)}>
          {filePath ? 'Download again' : 'Add again'}
        </button>
        <button type="button" className="button primary" autoFocus onClick={answer(false, false)}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
