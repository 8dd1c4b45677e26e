// Asks before a finished download that would run code (a program, script or launcher) is opened.
import { useCallback } from 'react';
import { useStore } from 'zustand';
import { useCommands } from '../app-context';
import { useModal } from '../hooks/use-modal';

export function ConfirmOpenDialog() {
  const commands = useCommands();
  const question = useStore(commands.openConfirmation, (state) => state.question);
  const dismiss = useStore(commands.openConfirmation, (state) => state.dismiss);
  const onClose = useCallback(() => dismiss(), [dismiss]);
  const ref = useModal(question !== null, onClose);

  const openAnyway = () => {
    if (question !== null) void commands.openFile(question.id, true);
    dismiss();
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-open-title">
      <h2 id="confirm-open-title">Run this file?</h2>
      <p>{question?.message}</p>
      <div className="dialog-buttons">
        <button type="button" className="button primary" onClick={dismiss}>
          Don’t open
        </button>
        <button type="button" className="button danger" onClick={openAnyway}>
          Open anyway
        </button>
      </div>
    </dialog>
  );
}
