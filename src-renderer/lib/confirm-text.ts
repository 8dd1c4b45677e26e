// Pure: whether a queue action loses data, and the words that say so before it happens.
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { canCancel, canPause, displayName } from './download-labels';
import { formatBytes } from './format';

export interface Confirmation {
  title: string;
  detail: string;
  confirmLabel: string;
  keepLabel: string;
}

function subject(downloads: readonly DownloadSnapshot[]): string {
  return downloads.length === 1 ? `"${displayName(downloads[0])}"` : `${downloads.length} downloads`;
}

function bytesOf(downloads: readonly DownloadSnapshot[]): number {
  return downloads.reduce((sum, download) => sum + download.downloadedBytes, 0);
}

/** Cancel deletes the partial data; asks only when there is some to lose. */
export function cancelConfirmation(downloads: readonly DownloadSnapshot[]): Confirmation | null {
  const losing = downloads.filter((download) => canCancel(download.status));
  const bytes = bytesOf(losing);
  if (bytes <= 0) return null;
  const what = losing.length === 1 ? '' : ` ${losing.length} downloads`;
  return {
    title: `Cancel${what} and delete the ${formatBytes(bytes)} downloaded so far?`,
    detail: `Cancelling ${subject(losing)} deletes the partial file; Retry then starts again from the beginning. Pause keeps what is downloaded.`,
    confirmLabel: 'Cancel and delete',
    keepLabel: 'Keep downloading',
  };
}

/** The running downloads whose server cannot continue a transfer: pausing them starts over. */
export function unresumable(downloads: readonly DownloadSnapshot[]): DownloadSnapshot[] {
  return downloads.filter(
    (download) =>
      canPause(download.status) && download.rangeSupported === false && download.downloadedBytes > 0,
  );
}

export function pauseConfirmation(downloads: readonly DownloadSnapshot[]): Confirmation | null {
  const losing = unresumable(downloads);
  if (losing.length === 0) return null;
  return {
    title: `Pause and lose the ${formatBytes(bytesOf(losing))} downloaded so far?`,
    detail: `The server of ${subject(losing)} cannot continue a download where it stopped, so resuming starts again from the beginning.`,
    confirmLabel: 'Pause anyway',
    keepLabel: 'Keep downloading',
  };
}
