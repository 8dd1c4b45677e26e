// Browser notifications when a download finishes, for `pdl serve` (the desktop app has its own).
// Off until the user turns them on in Settings, which is when the browser asks for permission.
import { useEffect } from 'react';
import type { DownloadStatus } from '../../src-shared/download-types';
import { useServices } from '../app-context';
import { completionNotice } from '../lib/completion-notice';
import type { NoticePermission } from '../lib/completion-notice';
import type { DownloadMap } from '../store/apply-progress';

const PREFERENCE_KEY = 'pdl:completion-notices';

/** True in a browser with the Notification API; false in the desktop app, which notifies natively. */
export function browserNoticesApply(): boolean {
  return window.pdl === undefined && typeof globalThis.Notification === 'function';
}

export function readNoticePreference(storage: Storage): boolean {
  return storage.getItem(PREFERENCE_KEY) === 'on';
}

export function writeNoticePreference(storage: Storage, enabled: boolean): void {
  if (enabled) storage.setItem(PREFERENCE_KEY, 'on');
  else storage.removeItem(PREFERENCE_KEY);
}

export function noticePermission(): NoticePermission {
  return Notification.permission;
}

function statusesOf(downloads: DownloadMap): Record<string, DownloadStatus> {
  const statuses: Record<string, DownloadStatus> = {};
  for (const [id, download] of Object.entries(downloads)) statuses[id] = download.status;
  return statuses;
}

export function useCompletionNotices(): void {
  const { store } = useServices();
  useEffect(() => {
    if (!browserNoticesApply()) return undefined;
    let seen = store.getState().downloads;
    let previous = statusesOf(seen);
    return store.subscribe((state) => {
      if (state.downloads === seen) return;
      seen = state.downloads;
      const before = previous;
      previous = statusesOf(state.downloads);
      const changed = Object.values(state.downloads).filter(
        (download) => before[download.id] !== download.status,
      );
      // Reading the permission is a synchronous round trip to the browser (about 2 ms); progress
      // batches arrive several times a second and rarely change a status.
      if (changed.length === 0) return;
      const notices = {
        enabled: readNoticePreference(window.localStorage),
        permission: noticePermission(),
      };
      for (const download of changed) {
        const notice = completionNotice(notices, before[download.id], download);
        if (notice !== null) new Notification(notice.title, { body: notice.body, tag: notice.tag });
      }
    });
  }, [store]);
}
