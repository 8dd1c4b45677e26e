import { describe, expect, it } from 'vitest';
import { statusAnnouncements } from '../../src-renderer/lib/announcements';
import {
  formatAdded,
  rowStatusLabel,
  rowTimesTitle,
  showsProgressBar,
  sizeText,
  speedText,
  timeText,
} from '../../src-renderer/lib/row-facts';
import { download } from './renderer-fixtures';

const MIB = 1024 * 1024;

describe('what a queue row says', () => {
  it('a waiting download shows no bar and says Waiting, not a percentage', () => {
    const waiting = download('w', { status: 'queued', totalBytes: undefined });
    expect(rowStatusLabel(waiting)).toBe('Waiting');
    expect(showsProgressBar(waiting)).toBe(false);
    expect(sizeText(waiting)).toBe('—');
  });

  it('a started download says Connecting until the first byte arrives, then Downloading', () => {
    const started = download('s', { status: 'downloading', downloadedBytes: 0 });
    expect(rowStatusLabel(started)).toBe('Connecting');
    expect(showsProgressBar(started)).toBe(false);
    const flowing = { ...started, downloadedBytes: 10 };
    expect(rowStatusLabel(flowing)).toBe('Downloading');
    expect(showsProgressBar(flowing)).toBe(true);
  });

  it('a download waiting to try again says why in its status', () => {
    const error = { code: 'UNREACHABLE', message: 'refused', retryable: true } as const;
    const probing = download('p', { status: 'probing', retryWait: { nextAttemptAt: 0, error } });
    expect(rowStatusLabel(probing)).toBe('Server unreachable');
    expect(rowStatusLabel({ ...probing, retryWait: undefined })).toBe('Connecting');
  });

  it('a finished download shows how long it took and the average speed the engine measured', () => {
    // Added 48 s before it finished but fetched in 32 s: the average is the engine's 3 MiB/s, not
    // 96 MiB over the 48 s since it was added.
    const done = download('d', {
      status: 'completed',
      totalBytes: 96 * MIB,
      downloadedBytes: 96 * MIB,
      createdAt: 1_000,
      completedAt: 49_000,
      averageSpeedBps: 3 * MIB,
    });
    expect(speedText(done)).toBe('3.0 MiB/s avg');
    expect(rowTimesTitle(done)).toContain('Average speed 3.0 MiB/s');
    expect(rowTimesTitle(done)).not.toContain('2.0 MiB/s');
    expect(timeText(done)).toBe('took 48s');
    expect(sizeText(done)).toBe('96.0 MiB');
  });

  it('a finished download without a measured average shows no made-up one', () => {
    const done = download('d', { status: 'completed', downloadedBytes: 1000, completedAt: 49_000 });
    expect(speedText(done)).toBe('—');
    expect(rowTimesTitle(done)).not.toContain('Average');
  });

  it('a running download shows the time left and its live speed', () => {
    const running = download('r', { downloadedBytes: 100, speedBps: 2048, etaSeconds: 125 });
    expect(speedText(running)).toBe('2.0 KiB/s');
    expect(timeText(running)).toBe('2m 05s left');
    expect(sizeText(running)).toBe('100 B / 1000 B');
  });

  it('dates added read as a time today and as a full date before', () => {
    const now = new Date(2026, 10, 30, 18, 0).getTime();
    expect(formatAdded(new Date(2026, 10, 30, 9, 5).getTime(), now)).toBe('09:05');
    expect(formatAdded(new Date(2026, 10, 28, 14, 30).getTime(), now)).toBe('2026-11-28 14:30');
  });
});

describe('announcements for screen readers', () => {
  it('announces downloads that just finished or failed, not the ones already done at load', () => {
    const before = {
      a: download('a', { fileName: 'a.zip' }),
      b: download('b', { fileName: 'b.zip' }),
      c: download('c', { fileName: 'c.zip', status: 'completed' }),
    };
    const after = {
      a: { ...before.a, status: 'completed' as const },
      b: { ...before.b, status: 'failed' as const },
      c: before.c,
      n: download('n', { status: 'completed' }),
    };
    expect(statusAnnouncements(before, after)).toEqual(['a.zip finished downloading.', 'b.zip failed.']);
    expect(statusAnnouncements({}, after)).toEqual([]);
  });
});
