// What the user is told when bytes already downloaded are thrown away because the server stopped
// accepting ranges: the download goes on from the first byte, which they would not otherwise know.
import type { DownloadNotice } from '../../../src-shared/download-types';

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units, rounded to what a person reads at a glance: "412 MB", "1.5 GB". */
function roughSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function restartNotice(discardedBytes: number): DownloadNotice {
  return {
    code: 'RESTARTED_FROM_ZERO',
    message:
      'The server no longer accepts partial downloads, so the download starts again from the ' +
      `beginning (${roughSize(discardedBytes)} discarded).`,
    discardedBytes,
  };
}
