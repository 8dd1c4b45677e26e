// Pure: what one queue row says about its download, in words that match what is really happening.
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { retryWaitReason } from '../../src-shared/retry-wait-text';
import { STATUS_LABEL } from './download-labels';
import { formatBytes, formatDateTime, formatEta, formatSpeed } from './format';

/**
 * "Downloading" only once bytes flow; before that the engine is still reaching the server. While it
 * waits to try again, why it waits ("Server unreachable").
 */
export function rowStatusLabel(download: DownloadSnapshot): string {
  if (download.status === 'queued') return 'Waiting';
  if (download.retryWait) return retryWaitReason(download.retryWait);
  if (download.status === 'downloading' && download.downloadedBytes === 0) return 'Connecting';
  return STATUS_LABEL[download.status];
}

/** A bar only where it tells the truth: nothing for a download that has not received a byte. */
export function showsProgressBar(download: DownloadSnapshot): boolean {
  if (download.status === 'completed') return true;
  return download.downloadedBytes > 0;
}

/** Seconds from being added to finishing, or undefined while unfinished. */
export function durationSeconds(
  download: Pick<DownloadSnapshot, 'createdAt' | 'completedAt'>,
): number | undefined {
  if (download.completedAt === undefined) return undefined;
  return Math.max(0, (download.completedAt - download.createdAt) / 1000);
}

/**
 * The Speed cell: live speed while running, the average once finished. The average is the engine's
 * (bytes over the time spent fetching and verifying them), not size over time since added, which
 * would count time spent queued or paused.
 */
export function speedText(download: DownloadSnapshot): string {
  if (download.status === 'downloading') return formatSpeed(download.speedBps);
  if (download.status === 'completed' && download.averageSpeedBps !== undefined) {
    return `${formatSpeed(download.averageSpeedBps)} avg`;
  }
  return '—';
}

/** The Time cell: time left while running, how long it took once finished. */
export function timeText(download: DownloadSnapshot): string {
  if (download.status === 'downloading') {
    return download.etaSeconds === undefined ? '—' : `${formatEta(download.etaSeconds)} left`;
  }
  const seconds = durationSeconds(download);
  return seconds === undefined ? '—' : `took ${formatEta(seconds)}`;
}

export function sizeText(download: DownloadSnapshot): string {
  const { downloadedBytes: done, totalBytes: total } = download;
  if (total === undefined) return done === 0 ? '—' : formatBytes(done);
  return done >= total ? formatBytes(total) : `${formatBytes(done)} / ${formatBytes(total)}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Today's times as "14:05", older ones as "2026-11-28 14:05": short, sortable, unambiguous. */
export function formatAdded(epochMs: number, nowMs: number): string {
  const at = new Date(epochMs);
  const now = new Date(nowMs);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay =
    at.getFullYear() === now.getFullYear() &&
    at.getMonth() === now.getMonth() &&
    at.getDate() === now.getDate();
  return sameDay ? time : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

/** The row's tooltip lines: when it was added and finished, how long it took, how fast on average. */
export function rowTimesTitle(
  download: Pick<DownloadSnapshot, 'createdAt' | 'completedAt' | 'averageSpeedBps'>,
): string {
  const lines = [`Added ${formatDateTime(download.createdAt)}`];
  if (download.completedAt !== undefined) {
    lines.push(`Finished ${formatDateTime(download.completedAt)}`);
    lines.push(`Took ${formatEta(durationSeconds(download))}`);
  }
  if (download.averageSpeedBps !== undefined)
    lines.push(`Average speed ${formatSpeed(download.averageSpeedBps)}`);
  return lines.join('\n');
}
