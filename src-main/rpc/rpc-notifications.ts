// aria2's WebSocket notifications from the engine's status changes. Which status change means which
// notification is pure; the watcher remembers each download's previous status to tell them apart.
import type { DownloadStatus } from '../../src-shared/download-types';
import type { DownloadEngineApi } from '../engine/engine-api';
import { gidOf } from './rpc-gid';

export type Aria2Notification =
  | 'aria2.onDownloadStart'
  | 'aria2.onDownloadPause'
  | 'aria2.onDownloadStop'
  | 'aria2.onDownloadComplete'
  | 'aria2.onDownloadError';

const MOVING: ReadonlySet<DownloadStatus> = new Set(['probing', 'downloading', 'verifying']);

export function notificationFor(
  previous: DownloadStatus | undefined,
  next: DownloadStatus,
): Aria2Notification | undefined {
  if (previous === next) return undefined;
  if (MOVING.has(next))
    return previous !== undefined && MOVING.has(previous) ? undefined : 'aria2.onDownloadStart';
  if (next === 'paused') return 'aria2.onDownloadPause';
  if (next === 'cancelled') return 'aria2.onDownloadStop';
  if (next === 'completed') return 'aria2.onDownloadComplete';
  if (next === 'failed') return 'aria2.onDownloadError';
  return undefined;
}

/** Calls `notify` for every notification-worthy change until the returned function is called. */
export function watchNotifications(
  engine: Pick<DownloadEngineApi, 'on' | 'list'>,
  notify: (method: Aria2Notification, gid: string) => void,
): () => void {
  const last = new Map<string, DownloadStatus>(engine.list().map((d) => [d.id, d.status]));
  const offStatus = engine.on('status-changed', (snapshot) => {
    const method = notificationFor(last.get(snapshot.id), snapshot.status);
    last.set(snapshot.id, snapshot.status);
    if (method) notify(method, gidOf(snapshot.id));
  });
  const offRemoved = engine.on('removed', ({ ids }) => ids.forEach((id) => last.delete(id)));
  return () => {
    offStatus();
    offRemoved();
  };
}
