import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { progressDelta } from '../../src-shared/progress-delta';
import type { Clock, TimerHandle } from '../../src-main/engine/clock';
import { createTrayStatus, formatSpeed, trayTitle } from '../../src-main/app/tray-status';
import { snapshotFor } from '../support/fake-engine';

function manualClock() {
  let now = 0;
  const timers: { at: number; callback: () => void; handle: TimerHandle }[] = [];
  const clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'> = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const handle = { id: Symbol('timer') };
      timers.push({ at: now + ms, callback, handle });
      return handle;
    },
    clearTimeout: (handle) => {
      const index = timers.findIndex((t) => t.handle === handle);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

function downloading(id: string, speedBps: number): DownloadSnapshot {
  return { ...snapshotFor(id, { url: `http://h/${id}` }, '/d'), status: 'downloading', speedBps };
}

describe('tray status', () => {
  it('formats speeds with units', () => {
    expect(formatSpeed(512)).toBe('512 B/s');
    expect(formatSpeed(1_500_000)).toBe('1.5 MB/s');
    expect(trayTitle(2_000_000, 2)).toBe('↓ 2.0 MB/s');
    expect(trayTitle(0, 0)).toBe('');
  });

  it('shows the total speed of all running downloads, even when a batch names only some of them', () => {
    const { clock, advance } = manualClock();
    const shown: string[] = [];
    const tray = createTrayStatus(clock, (title) => shown.push(title));
    tray.onProgress({
      at: 0,
      downloads: [
        progressDelta(downloading('a', 1_000_000), undefined),
        progressDelta(downloading('b', 500_000), undefined),
      ],
    });
    advance(1000);
    tray.onProgress({ at: 1000, downloads: [progressDelta(downloading('a', 2_000_000), undefined)] });
    expect(shown).toEqual(['↓ 1.5 MB/s', '↓ 2.5 MB/s']);
  });

  it('updates at most once a second however often batches arrive, and shows the latest total', () => {
    const { clock, advance } = manualClock();
    const shown: string[] = [];
    const tray = createTrayStatus(clock, (title) => shown.push(title));
    for (let i = 1; i <= 8; i++) {
      tray.onProgress({ at: i * 250, downloads: [progressDelta(downloading('a', i * 100_000), undefined)] });
      advance(250);
    }
    // Eight batches over two seconds: shown at 0 s, then the newest total at 1 s and at 2 s.
    expect(shown).toEqual(['↓ 100 KB/s', '↓ 400 KB/s', '↓ 800 KB/s']);
    advance(5000);
    expect(shown).toHaveLength(3);
  });

  it('goes blank when downloads stop or are removed', () => {
    const { clock, advance } = manualClock();
    const shown: string[] = [];
    const tray = createTrayStatus(clock, (title) => shown.push(title));
    tray.onProgress({
      at: 0,
      downloads: [
        progressDelta(downloading('a', 1000), undefined),
        progressDelta(downloading('b', 1000), undefined),
      ],
    });
    advance(1000);
    tray.onStatus({ ...downloading('a', 0), status: 'completed' });
    advance(1000);
    tray.onRemoved(['b']);
    expect(shown).toEqual(['↓ 2.0 KB/s', '↓ 1.0 KB/s', '']);
  });

  it('cancels its pending update when disposed', () => {
    const { clock, pending } = manualClock();
    const tray = createTrayStatus(clock, () => {});
    tray.onProgress({ at: 0, downloads: [progressDelta(downloading('a', 1), undefined)] });
    tray.onProgress({ at: 1, downloads: [progressDelta(downloading('a', 2), undefined)] });
    expect(pending()).toBe(1);
    tray.dispose();
    expect(pending()).toBe(0);
  });
});
