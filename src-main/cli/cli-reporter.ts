// Shows engine events on the terminal: a live bar with a chunk strip on a TTY, periodic plain
// lines otherwise, one JSON object per line with --json, nothing but errors with --quiet.
import type { DownloadSnapshot, ProgressBatch } from '../../src-shared/download-types';
import { applyProgress } from '../../src-shared/progress-delta';
import { redactProgress, redactSnapshot } from '../../src-shared/redact-url';
import { chunkStrip, displayName, errorLine, formatBytes, integrityLines, progressLine } from './cli-format';

export interface Reporter {
  progress(batch: ProgressBatch): void;
  status(download: DownloadSnapshot): void;
}

const PLAIN_INTERVAL_MS = 2_000;
const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

type Write = (text: string) => void;

function finalLines(download: DownloadSnapshot): string[] {
  const name = displayName(download);
  if (download.status === 'completed') {
    return [
      `${name}: complete, ${formatBytes(download.totalBytes ?? download.downloadedBytes)} -> ${download.filePath}`,
      ...integrityLines(download),
    ];
  }
  if (download.error) return [errorLine(download), ...integrityLines(download)];
  return [];
}

export function createJsonReporter(write: Write): Reporter {
  return {
    progress: (batch) => {
      const downloads = batch.downloads.map(redactProgress);
      write(`${JSON.stringify({ event: 'progress', ...batch, downloads })}\n`);
    },
    status: (download) =>
      write(`${JSON.stringify({ event: 'status', download: redactSnapshot(download) })}\n`),
  };
}

export function createQuietReporter(writeError: Write): Reporter {
  return {
    progress: () => undefined,
    status: (download) => {
      if (download.error && (TERMINAL.has(download.status) || download.status === 'paused')) {
        writeError(`${finalLines(download)[0]}\n`);
      }
    },
  };
}

/** Each download's notice once, as a line of its own, whether a status or a progress batch brings it. */
type Noticed = Pick<DownloadSnapshot, 'id' | 'fileName' | 'url' | 'notice'>;

function noticeLines(): (download: Noticed) => string[] {
  const told = new Map<string, string>();
  return (download) => {
    const message = download.notice?.message;
    if (message === undefined || told.get(download.id) === message) return [];
    told.set(download.id, message);
    return [`${displayName(download)}: ${message}`];
  };
}

export function createPlainReporter(write: Write, now: () => number = Date.now): Reporter {
  const lastLine = new Map<string, number>();
  const notices = noticeLines();
  return {
    progress: (batch) => {
      for (const download of batch.downloads) {
        for (const line of notices(download)) write(`${line}\n`);
        if ((lastLine.get(download.id) ?? 0) + PLAIN_INTERVAL_MS > now()) continue;
        lastLine.set(download.id, now());
        write(`${progressLine(download, 30, now())}\n`);
      }
    },
    status: (download) => {
      for (const line of notices(download)) write(`${line}\n`);
      const lines = TERMINAL.has(download.status) || download.error ? finalLines(download) : [];
      for (const line of lines.length ? lines : [`${displayName(download)}: ${download.status}`]) {
        write(`${line}\n`);
      }
    },
  };
}

/** Redraws a block of lines in place: one bar and one chunk strip per active download. */
export function createTtyReporter(write: Write, columns: () => number): Reporter {
  const live = new Map<string, DownloadSnapshot>();
  let drawnLines = 0;
  const redraw = (): void => {
    const width = Math.max(20, Math.min(columns() - 4, 120));
    const lines: string[] = [];
    for (const download of live.values()) {
      lines.push(progressLine(download, Math.max(10, Math.min(30, width - 80))).slice(0, width));
      if (download.totalBytes) lines.push(`  ${chunkStrip(download.chunks, download.totalBytes, width - 2)}`);
    }
    const clear = drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[J` : '';
    write(clear + lines.map((line) => `${line}\n`).join(''));
    drawnLines = lines.length;
  };
  const notices = noticeLines();
  const printAbove = (text: string[]): void => {
    if (drawnLines > 0) write(`\x1b[${drawnLines}F\x1b[J`);
    drawnLines = 0;
    for (const line of text) write(`${line}\n`);
    redraw();
  };
  return {
    progress: (batch) => {
      for (const delta of batch.downloads) {
        const previous = live.get(delta.id);
        if (previous) live.set(delta.id, applyProgress(previous, delta));
      }
      const told = batch.downloads.flatMap(notices);
      if (told.length > 0) printAbove(told);
      else redraw();
    },
    status: (download) => {
      const told = notices(download);
      if (
        download.status === 'downloading' ||
        download.status === 'probing' ||
        download.status === 'verifying'
      ) {
        live.set(download.id, download);
        return told.length > 0 ? printAbove(told) : redraw();
      }
      live.delete(download.id);
      printAbove([
        ...told,
        ...(finalLines(download).length
          ? finalLines(download)
          : [`${displayName(download)}: ${download.status}`]),
      ]);
    },
  };
}
