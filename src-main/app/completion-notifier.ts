// System notifications when a download completes or fails: once per transition, not on every
// status event (a restored completed download at start-up is not news).
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';
import { redactUrl } from '../../src-shared/redact-url';

export interface NotificationContent {
  title: string;
  body: string;
}

function nameOf(snapshot: DownloadSnapshot): string {
  return snapshot.fileName ?? redactUrl(snapshot.url);
}

export function notificationFor(
  previous: DownloadStatus | undefined,
  snapshot: DownloadSnapshot,
): NotificationContent | null {
  if (previous === snapshot.status) return null;
  if (snapshot.status === 'completed') {
    const verified = snapshot.integrity.some((result) => result.status === 'verified');
    return {
      title: 'Download complete',
      body: `${nameOf(snapshot)}${verified ? ' (checksum verified)' : ''}`,
    };
  }
  if (snapshot.status === 'failed') {
    const reason = snapshot.error ? `: ${snapshot.error.message}` : '';
    return { title: 'Download failed', body: `${nameOf(snapshot)}${reason}` };
  }
  return null;
}

/** Feeds status changes in; calls `notify` for the ones worth telling the user about. */
export function createCompletionNotifier(
  initial: DownloadSnapshot[],
  notify: (content: NotificationContent) => void,
): { onStatus(snapshot: DownloadSnapshot): void; onRemoved(ids: string[]): void } {
  const statuses = new Map(initial.map((snapshot) => [snapshot.id, snapshot.status]));
  return {
    onStatus(snapshot) {
      const content = notificationFor(statuses.get(snapshot.id), snapshot);
      statuses.set(snapshot.id, snapshot.status);
      if (content) notify(content);
    },
    onRemoved(ids) {
      for (const id of ids) statuses.delete(id);
    },
  };
}
