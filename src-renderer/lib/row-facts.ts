// Pure: what one queue row says about its download, in words that match what is really happening.
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { retryWaitReason } from '../../src-shared/retry-wait-text';
import { STATUS_LABEL } from './download-labels';
import { formatBytes, formatEta, formatSpeed } from './format';

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
export function durationSeconds(download: DownloadSnapshot): number | undefined {
  if (download.completedAt === undefined) return undefined;
  return Math.max(0, (download.completedAt - download.createdAt) / 1000);
}

export function averageSpeedBps(download: DownloadSnapshot): number | undefined {
  const seconds = durationSeconds(download);
  if (seconds === undefined || seconds <= 0) return undefined;
  return (download.totalBytes ?? download.downloadedBytes) / seconds;
}

/** The Speed cell: live speed while running, the average once finished. */
export function speedText(download: DownloadSnapshot): string {
  if (download.status === 'downloading') return formatSpeed(download.speedBps);
  if (download.status === 'completed') {
    const average = averageSpeedBps(download);
    return average === undefined ? '—' : `${formatSpeed(average)} avg`;
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
export function rowTimesTitle(download: DownloadSnapshot): string {
  const lines = [`Added ${new Date(download.createdAt).toLocaleString()}`];
  if (download.completedAt !== undefined) {
    lines.push(`Finished ${new Date(download.completedAt).toLocaleString()}`);
    lines.push(`Took ${formatEta(durationSeconds(download))}`);
    const average = averageSpeedBps(download);
    if (average !== undefined) lines.push(`Average ${formatSpeed(average)} since added`);
  }
  return lines.join('\n');
}
