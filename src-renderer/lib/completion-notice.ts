// When `pdl serve` shows a browser notification for a finished download, and what it says. Pure: the
// hook that shows notices feeds it the previous and current status of each download.
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';
import { displayName } from './download-labels';
import { describeError } from './error-text';

export type NoticePermission = 'default' | 'granted' | 'denied';

export interface NoticeState {
  /** The user turned notices on in Settings. */
  enabled: boolean;
  permission: NoticePermission;
}

export interface Notice {
  title: string;
  body: string;
  /** One notice per download: a later notice for it replaces the earlier one. */
  tag: string;
}

const FINISHED: ReadonlySet<DownloadStatus> = new Set(['completed', 'failed']);

/**
 * A notice for a download that has just finished (it was seen running before). Downloads already
 * finished when the page loads, or seen for the first time, never notify.
 */
export function completionNotice(
  state: NoticeState,
  previous: DownloadStatus | undefined,
  download: DownloadSnapshot,
): Notice | null {
  if (!state.enabled || state.permission !== 'granted') return null;
  if (previous === undefined || FINISHED.has(previous) || previous === download.status) return null;
  if (!FINISHED.has(download.status)) return null;
  const name = displayName(download);
  if (download.status === 'completed') {
    return { title: 'Download complete', body: `${name} is downloaded and verified.`, tag: download.id };
  }
  const error = download.error ? describeError(download.error).headline : 'The download stopped.';
  return { title: 'Download failed', body: `${name}: ${error}`, tag: download.id };
}

/** What the settings toggle says once the user has been asked. */
export function permissionHint(permission: NoticePermission): string | null {
  if (permission === 'denied') {
    return 'The browser blocks notifications for this page. Allow them in its site settings, then turn this on again.';
  }
  return null;
}
