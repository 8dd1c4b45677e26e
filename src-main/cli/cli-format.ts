// Text for the terminal (pure): sizes, speeds, the progress bar and the per-chunk strip.
import type { ChunkSnapshot, DownloadSnapshot } from '../../src-shared/download-types';
import { redactUrl, redactUrlsInText } from '../../src-shared/redact-url';
import { retryWaitText } from '../../src-shared/retry-wait-text';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  // Choose the unit after rounding, so 1 MiB - 1 reads "1.0 MiB", not "1024.0 KiB".
  while (unit < UNITS.length - 1 && (unit === 0 ? value : Number(value.toFixed(1))) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatSpeed(bps: number): string {
  return `${formatBytes(Math.round(bps))}/s`;
}

export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  // Round once, up to whole seconds, before splitting into units (no "1m60s").
  const total = Math.ceil(seconds);
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(total / 3600)}h${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}m`;
}

const SHADES = [' ', '░', '▒', '▓', '█'];

/** One character per slice of the file; the shade shows how much of that slice is written. */
export function chunkStrip(chunks: readonly ChunkSnapshot[], totalBytes: number, width: number): string {
  if (totalBytes <= 0 || chunks.length === 0) return '';
  const cellBytes = totalBytes / width;
  const filled = new Array<number>(width).fill(0);
  for (const chunk of chunks) {
    const writtenEnd = chunk.start + chunk.written;
    const first = Math.floor(chunk.start / cellBytes);
    const last = Math.min(width - 1, Math.ceil(writtenEnd / cellBytes) - 1);
    for (let cell = first; cell <= last && chunk.written > 0; cell++) {
      const from = Math.max(chunk.start, cell * cellBytes);
      const to = Math.min(writtenEnd, (cell + 1) * cellBytes);
      if (to > from) filled[cell]! += to - from;
    }
  }
  return filled.map((bytes) => SHADES[Math.min(4, Math.floor((bytes / cellBytes) * 4 + 1e-9))]).join('');
}

/** The file name, or the link (without its secrets) while the name is not known yet. */
export function displayName(download: Pick<DownloadSnapshot, 'fileName' | 'url'>): string {
  return download.fileName ?? redactUrl(download.url);
}

/**
 * One download's line; `nowMs` is the terminal's clock, which counts down to the next attempt while
 * the download waits to try again (speed and ETA mean nothing then).
 */
export function progressLine(
  download: Omit<DownloadSnapshot, 'chunks' | 'retries'>,
  width = 30,
  nowMs = Date.now(),
): string {
  const name = displayName(download);
  const total = download.totalBytes;
  const done = download.downloadedBytes;
  if (download.status !== 'downloading' && download.status !== 'probing') {
    return `${name}  ${download.status}${total !== undefined ? `  ${formatBytes(total)}` : ''}`;
  }
  if (download.retryWait) {
    const reached = total ? `  ${(Math.min(1, done / total) * 100).toFixed(1)}%` : '';
    return `${name}${reached}  ${retryWaitText(download.retryWait, nowMs)}`;
  }
  if (total === undefined || total === 0) {
    return `${name}  ${formatBytes(done)}  ${formatSpeed(download.speedBps)}`;
  }
  const fraction = Math.min(1, done / total);
  const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '.');
  return (
    `${name}  [${bar}] ${(fraction * 100).toFixed(1).padStart(5)}%  ${formatBytes(done)}/${formatBytes(total)}` +
    `  ${formatSpeed(download.speedBps)}  ETA ${formatEta(download.etaSeconds)}  ${download.connections} conn`
  );
}

const HINTS: Partial<Record<string, string>> = {
  REMOTE_CHANGED: ' (run again with --restart to download it from zero)',
  DISK_FULL: ' (free some space and run the same command again)',
  NOT_ENOUGH_SPACE: ' (free some space or choose another folder with -d, and run the command again)',
  FILE_TOO_LARGE: ' (raise --max-size to download it)',
  FILE_SYSTEM: ' (fix the folder and run the same command again)',
  NAME_TOO_LONG: ' (choose a shorter name with -o NAME)',
};

/** One line naming the download, what happened and, where there is one, what to do. */
export function errorLine(download: DownloadSnapshot): string {
  const code = download.error?.code;
  const message = redactUrlsInText(download.error?.message ?? download.status);
  return `${displayName(download)}: ${message}${code ? (HINTS[code] ?? '') : ''}`;
}

export function integrityLines(download: DownloadSnapshot): string[] {
  return download.integrity.map((result) => {
    const source = result.source ? ` (${result.source})` : '';
    if (result.status === 'computed') return `  ${result.algorithm}: ${result.actual}`;
    if (result.status === 'verified') return `  ${result.algorithm}: ${result.actual} verified${source}`;
    return `  ${result.algorithm}: MISMATCH expected ${result.expected} got ${result.actual}${source}`;
  });
}
