// The buttons of one queue row: the one action that fits its state, and a menu with the rest.
// Clicks do not change the selection.
import { memo } from 'react';
import type { DownloadStatus } from '../../src-shared/download-types';
import { useCommands } from '../app-context';
import { useQueueActions } from '../hooks/use-queue-actions';
import { canPause, canResume, canRetry } from '../lib/download-labels';
import { ActionButton } from './ActionButton';

/** Plain values only, so progress batches (new snapshots) do not re-render the buttons. */
interface RowActionsProps {
  id: string;
  status: DownloadStatus;
  name: string;
  onMenu: (id: string, x: number, y: number) => void;
}

export const RowActions = memo(function RowActions({ id, status, name, onMenu }: RowActionsProps) {
  const commands = useCommands();
  const actions = useQueueActions();
  const ids = [id];
  const openMenu = (button: HTMLButtonElement) => {
    const box = button.getBoundingClientRect();
    onMenu(id, box.right, box.bottom);
  };
  return (
    <div className="row-actions">
      {canPause(status) && (
        <ActionButton icon="pause" label={`Pause ${name}`} onClick={() => actions.pause(ids)} />
      )}
      {canResume(status) && (
        <ActionButton icon="play" label={`Resume ${name}`} onClick={() => actions.resume(ids)} />
      )}
      {canRetry(status) && (
        <ActionButton icon="retry" label={`Retry ${name}`} onClick={() => commands.retry(ids)} />
      )}
      {status === 'completed' && (
        <ActionButton icon="open" label={`Open ${name}`} onClick={() => commands.openFile(id)} />
      )}
      <ActionButton icon="more" label={`More actions for ${name}`} onClick={openMenu} />
    </div>
  );
});
