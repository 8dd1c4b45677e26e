// Queue actions as the toolbar, row buttons, menu and keys ask for them: the ones that lose data
// (cancel, pausing where the server cannot resume) wait for a confirmation first.
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { canPause, canResume } from '../lib/download-labels';
import { cancelConfirmation, pauseConfirmation } from '../lib/confirm-text';
import type { AppStore } from './app-store';
import type { Commands } from './commands';

export type QueueActions = ReturnType<typeof createQueueActions>;

export function createQueueActions(store: AppStore, commands: Commands) {
  const snapshots = (ids: readonly string[]): DownloadSnapshot[] => {
    const { downloads } = store.getState();
    return ids.flatMap((id) => (downloads[id] ? [downloads[id]] : []));
  };
  const idsWhere = (test: (download: DownloadSnapshot) => boolean): string[] => {
    const { downloads, order } = store.getState();
    return order.filter((id) => downloads[id] !== undefined && test(downloads[id]));
  };

  function pause(ids: readonly string[]): void {
    const pausable = snapshots(ids).filter((download) => canPause(download.status));
    if (pausable.length === 0) return;
    const pausableIds = pausable.map((download) => download.id);
    if (pauseConfirmation(pausable) !== null)
      store.getState().requestConfirm({ action: 'pause', ids: pausableIds });
    else void commands.pause(pausableIds);
  }

  function resume(ids: readonly string[]): void {
    const paused = snapshots(ids).filter((download) => canResume(download.status));
    if (paused.length > 0) void commands.resume(paused.map((download) => download.id));
  }

  return {
    pause,
    resume,
    cancel(ids: readonly string[]): void {
      if (cancelConfirmation(snapshots(ids)) !== null)
        store.getState().requestConfirm({ action: 'cancel', ids });
      else void commands.cancel(ids);
    },
    /** Space: pauses the running ones among `ids`, or resumes the paused ones if none runs. */
    togglePause(ids: readonly string[]): void {
      const pausable = snapshots(ids).filter((download) => canPause(download.status));
      if (pauseConfirmation(pausable) !== null) pause(ids);
      else void commands.togglePause(ids);
    },
    pauseAll: () => pause(idsWhere((download) => canPause(download.status))),
    resumeAll: () => resume(idsWhere((download) => canResume(download.status))),
    /** Takes finished downloads off the list; their files stay. */
    clearCompleted(): void {
      const done = idsWhere((download) => download.status === 'completed');
      if (done.length > 0) void commands.remove(done, false);
    },
    /** Runs what the confirmation dialog held, after the user said yes. */
    confirm(): void {
      const pending = store.getState().pendingConfirm;
      store.getState().closeConfirm();
      if (pending === null) return;
      if (pending.action === 'cancel') void commands.cancel(pending.ids);
      else void commands.pause(pending.ids);
    },
  };
}
