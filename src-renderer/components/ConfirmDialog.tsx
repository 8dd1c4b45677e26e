// Asks before a queue action loses downloaded data (cancel; pause where the server cannot resume).
// The safe choice has the focus, so Enter never deletes by accident.
import { useCallback, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app-context';
import { useModal } from '../hooks/use-modal';
import { useQueueActions } from '../hooks/use-queue-actions';
import { cancelConfirmation, pauseConfirmation } from '../lib/confirm-text';

export function ConfirmDialog() {
  const pending = useAppStore((state) => state.pendingConfirm);
  const downloads = useAppStore(
    useShallow((state) =>
      (state.pendingConfirm?.ids ?? []).flatMap((id) => (state.downloads[id] ? [state.downloads[id]] : [])),
    ),
  );
  const closeConfirm = useAppStore((state) => state.closeConfirm);
  const actions = useQueueActions();
  const onClose = useCallback(() => closeConfirm(), [closeConfirm]);
  const ref = useModal(pending !== null, onClose);

  const text =
    pending === null
      ? null
      : pending.action === 'cancel'
        ? cancelConfirmation(downloads)
        : pauseConfirmation(downloads);
  // The download finished or stopped while the question was open: there is nothing left to lose.
  const moot = pending !== null && text === null;
  useEffect(() => {
    if (moot) closeConfirm();
  }, [moot, closeConfirm]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-detail">
      {text !== null && (
        <>
          <h2 id="confirm-title">{text.title}</h2>
          <p id="confirm-detail">{text.detail}</p>
          <div className="dialog-buttons">
            <button type="button" className="button" autoFocus onClick={closeConfirm}>
              {text.keepLabel}
            </button>
            <button type="button" className="button danger" onClick={actions.confirm}>
              {text.confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
