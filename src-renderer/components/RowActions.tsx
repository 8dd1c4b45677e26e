// The buttons of one queue row. Clicks do not change the selection.
import { memo } from 'react';
import type { DownloadStatus } from '../../src-shared/download-types';
import { useAppStore, useCommands } from '../app-context';
import { canCancel, canPause, canResume, canRetry } from '../lib/download-labels';
import { ActionButton } from './ActionButton';

/** Plain values only, so progress batches (new snapshots) do not re-render the buttons. */
interface RowActionsProps {
  id: string;
  status: DownloadStatus;
  hasFile: boolean;
  name: string;
  index: number;
  count: number;
}

export const RowActions = memo(function RowActions({
  id,
  status,
  hasFile,
  name,
  index,
  count,
}: RowActionsProps) {
  const commands = useCommands();
  const requestRemoval = useAppStore((state) => state.requestRemoval);
  const ids = [id];
  return (
    <div className="row-actions">
      {canPause(status) && (
        <ActionButton icon="pause" label={`Pause ${name}`} onClick={() => commands.pause(ids)} />
      )}
      {canResume(status) && (
        <ActionButton icon="play" label={`Resume ${name}`} onClick={() => commands.resume(ids)} />
      )}
      {canRetry(status) && (
        <ActionButton icon="retry" label={`Retry ${name}`} onClick={() => commands.retry(ids)} />
      )}
      {canCancel(status) && (
        <ActionButton icon="cancel" label={`Cancel ${name}`} onClick={() => commands.cancel(ids)} />
      )}
      {status === 'completed' && (
        <ActionButton icon="open" label={`Open ${name}`} onClick={() => commands.openFile(id)} />
      )}
      <ActionButton
        icon="folder"
        label={`Show ${name} in folder`}
        disabled={!hasFile}
        onClick={() => commands.showInFolder(id)}
      />
      <ActionButton
        icon="up"
        label={`Move ${name} up`}
        disabled={index === 0}
        onClick={() => commands.reorder(id, index - 1)}
      />
      <ActionButton
        icon="down"
        label={`Move ${name} down`}
        disabled={index === count - 1}
        onClick={() => commands.reorder(id, index + 1)}
      />
      <ActionButton icon="trash" label={`Remove ${name}`} onClick={() => requestRemoval(ids)} />
    </div>
  );
});
