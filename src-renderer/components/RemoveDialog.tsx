// Confirms a removal and asks whether the downloaded files go too.
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useCommands } from '../app-context';
import { displayName } from '../lib/download-labels';
import { useModal } from '../hooks/use-modal';

export function RemoveDialog() {
  const ids = useAppStore((state) => state.pendingRemoval);
  const names = useAppStore(
    useShallow((state) =>
      (state.pendingRemoval ?? []).flatMap((id) =>
        state.downloads[id] ? [displayName(state.downloads[id])] : [],
      ),
    ),
  );
  const closeRemoval = useAppStore((state) => state.closeRemoval);
  const commands = useCommands();
  const onClose = useCallback(() => closeRemoval(), [closeRemoval]);
  const ref = useModal(ids !== null, onClose);

  const remove = (deleteFile: boolean) => {
    if (ids !== null) void commands.remove(ids, deleteFile);
    closeRemoval();
  };
  const subject = names.length === 1 ? `"${names[0]}"` : `${names.length} downloads`;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="remove-title">
      <h2 id="remove-title">Remove {subject}?</h2>
      {names.length > 1 && (
        <ul className="remove-list">
          {names.slice(0, 8).map((name, i) => (
            <li key={i}>{name}</li>
          ))}
          {names.length > 8 && <li>…and {names.length - 8} more</li>}
        </ul>
      )}
      <p>
        Removing from the list keeps a finished file on disk; the partial data of an unfinished download is
        deleted either way. Deleting also removes the finished file.
      </p>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={closeRemoval}>
          Cancel
        </button>
        <button type="button" className="button danger" onClick={() => remove(true)}>
          Remove and delete {names.length === 1 ? 'file' : 'files'}
        </button>
        <button type="button" className="button primary" onClick={() => remove(false)}>
          Remove from list
        </button>
      </div>
    </dialog>
  );
}
