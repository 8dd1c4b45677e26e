// The tray's total speed: kept per download from progress batches and status changes, shown at most
// once a second so the tray does not flicker (or cost anything) at the engine's batch rate.
import type { DownloadSnapshot, ProgressBatch } from '../../src-shared/download-types';
import type { Clock, TimerHandle } from '../engine/clock';

export const TRAY_UPDATE_INTERVAL_MS = 1000;
const UNITS = ['B/s', 'KB/s', 'MB/s', 'GB/s'];

export function formatSpeed(bytesPerSecond: number): string {
  let value = bytesPerSecond;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

/** What the tray shows: the total speed of running downloads, or nothing when idle. */
export function trayTitle(totalBps: number, active: number): string {
  if (active === 0) return '';
  return `↓ ${formatSpeed(totalBps)}`;
}

export function trayTooltip(totalBps: number, active: number): string {
  if (active === 0) return 'Parallel Downloader';
  return `Parallel Downloader: ${active} downloading, ${formatSpeed(totalBps)}`;
}

export interface TrayStatus {
  onProgress(batch: ProgressBatch): void;
  onStatus(snapshot: DownloadSnapshot): void;
  onRemoved(ids: string[]): void;
  dispose(): void;
}

export function createTrayStatus(
  clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>,
  show: (title: string, tooltip: string) => void,
): TrayStatus {
  const speeds = new Map<string, number>();
  let lastShownAt = -Infinity;
  let pending: TimerHandle | undefined;

  const render = (): void => {
    pending = undefined;
    lastShownAt = clock.now();
    let total = 0;
    for (const speed of speeds.values()) total += speed;
    show(trayTitle(total, speeds.size), trayTooltip(total, speeds.size));
  };

  const schedule = (): void => {
    if (pending) return;
    const wait = lastShownAt + TRAY_UPDATE_INTERVAL_MS - clock.now();
    if (wait <= 0) render();
    else pending = clock.setTimeout(render, wait);
  };

  const track = (snapshot: Pick<DownloadSnapshot, 'id' | 'status' | 'speedBps'>): void => {
    if (snapshot.status === 'downloading') speeds.set(snapshot.id, snapshot.speedBps);
    else speeds.delete(snapshot.id);
  };

  return {
    onProgress(batch) {
      for (const snapshot of batch.downloads) track(snapshot);
      schedule();
    },
    onStatus(snapshot) {
      track(snapshot);
      schedule();
    },
    onRemoved(ids) {
      for (const id of ids) speeds.delete(id);
      schedule();
    },
    dispose() {
      if (pending) clock.clearTimeout(pending);
      pending = undefined;
    },
  };
}
