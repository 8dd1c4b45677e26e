import { describe, expect, it } from 'vitest';
import type { ChunkSnapshot, DownloadSnapshot } from '../../src-shared/download-types';
import {
  chunkStrip,
  errorLine,
  formatBytes,
  formatEta,
  formatSpeed,
  integrityLines,
  progressLine,
} from '../../src-main/cli/cli-format';

function chunk(start: number, end: number, written: number): ChunkSnapshot {
  return {
    id: start,
    start,
    end,
    written,
    status: written > end - start ? 'done' : 'active',
    speedBps: 0,
    attempts: 1,
  };
}

function snapshot(overrides: Partial<DownloadSnapshot> = {}): DownloadSnapshot {
  return {
    id: 'd1',
    url: 'http://127.0.0.1/a.bin',
    fileName: 'a.bin',
    directory: '/tmp',
    status: 'downloading',
    totalBytes: 10 * 1024 * 1024,
    downloadedBytes: 2.5 * 1024 * 1024,
    speedBps: 1024 * 1024,
    etaSeconds: 7.5,
    connections: 8,
    chunks: [],
    retries: [],
    integrity: [],
    createdAt: 0,
    ...overrides,
  };
}

describe('formatBytes and formatSpeed', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [5 * 1024 ** 2, '5.0 MiB'],
    [3.25 * 1024 ** 3, '3.3 GiB'],
    [2 * 1024 ** 4, '2.0 TiB'],
    [2048 * 1024 ** 4, '2048.0 TiB'],
  ])('shows %i bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('shows speeds per second, rounded to whole bytes', () => {
    expect(formatSpeed(999.6)).toBe('1000 B/s');
    expect(formatSpeed(2.5 * 1024 * 1024)).toBe('2.5 MiB/s');
  });
});

describe('formatEta', () => {
  it.each([
    [0, '0s'],
    [0.2, '1s'],
    [42, '42s'],
    [60, '1m00s'],
    [125, '2m05s'],
    [3600, '1h00m'],
    [3 * 3600 + 7 * 60 + 59, '3h07m'],
  ])('shows %s seconds as %s', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });

  it('shows -- while the time left is unknown', () => {
    expect(formatEta(undefined)).toBe('--');
    expect(formatEta(Infinity)).toBe('--');
    expect(formatEta(Number.NaN)).toBe('--');
  });
});

describe('chunkStrip', () => {
  it('draws one character per slice of the file, shaded by how much of it is written', () => {
    // 8 bytes in 4 cells of 2 bytes, holding 2, 1, 2 and 0 written bytes.
    const chunks = [chunk(0, 3, 3), chunk(4, 7, 2)];
    expect(chunkStrip(chunks, 8, 4)).toBe('█▒█ ');
  });

  it('shows a finished file as a full strip and a fresh one as blank', () => {
    const total = 1000;
    const plan = [chunk(0, 332, 0), chunk(333, 665, 0), chunk(666, 999, 0)];
    expect(chunkStrip(plan, total, 20)).toBe(' '.repeat(20));
    const done = plan.map((c) => ({ ...c, written: c.end - c.start + 1 }));
    expect(chunkStrip(done, total, 20)).toBe('█'.repeat(20));
  });

  it('uses the four shades for quarter steps of one cell', () => {
    const strip = [0, 25, 50, 75, 100].map((written) => chunkStrip([chunk(0, 99, written)], 100, 1));
    expect(strip).toEqual([' ', '░', '▒', '▓', '█']);
  });

  it('shares a cell between the chunks that meet in it', () => {
    // Cell 0 holds bytes 0-9: 5 from the first chunk, 5 from the second.
    expect(chunkStrip([chunk(0, 4, 5), chunk(5, 19, 5)], 20, 2)).toBe('█ ');
  });

  it('draws nothing without a known size or a plan', () => {
    expect(chunkStrip([], 100, 10)).toBe('');
    expect(chunkStrip([chunk(0, 9, 5)], 0, 10)).toBe('');
  });
});

describe('progressLine', () => {
  it('shows name, bar, percent, sizes, speed, ETA and connections while downloading', () => {
    expect(progressLine(snapshot(), 20)).toBe(
      'a.bin  [#####...............]  25.0%  2.5 MiB/10.0 MiB  1.0 MiB/s  ETA 8s  8 conn',
    );
  });

  it('falls back to the URL before the file name is known, and to bytes so far without a size', () => {
    const line = progressLine(
      snapshot({ fileName: undefined, totalBytes: undefined, downloadedBytes: 2048 }),
    );
    expect(line).toBe('http://127.0.0.1/a.bin  2.0 KiB  1.0 MiB/s');
  });

  it('never shows more than 100%', () => {
    expect(progressLine(snapshot({ downloadedBytes: 11 * 1024 * 1024 }), 10)).toContain(
      '[##########] 100.0%',
    );
  });

  it('counts down to the next attempt while the download waits for its server', () => {
    const error = { code: 'UNREACHABLE', message: 'refused', retryable: true } as const;
    const now = 1_700_000_000_000;
    const probing = snapshot({
      status: 'probing',
      fileName: undefined,
      totalBytes: undefined,
      downloadedBytes: 0,
      retryWait: { nextAttemptAt: now + 12_000, error },
    });
    expect(progressLine(probing, 20, now)).toBe(
      'http://127.0.0.1/a.bin  Server unreachable — trying again in 12 s',
    );
    const midway = snapshot({ retryWait: { nextAttemptAt: now + 30_000, error } });
    expect(progressLine(midway, 20, now + 29_500)).toBe(
      'a.bin  25.0%  Server unreachable — trying again in 1 s',
    );
  });

  it('shows the status and size once the download is not moving', () => {
    expect(progressLine(snapshot({ status: 'completed' }))).toBe('a.bin  completed  10.0 MiB');
    expect(progressLine(snapshot({ status: 'paused', totalBytes: undefined }))).toBe('a.bin  paused');
  });
});

describe('errorLine and integrityLines', () => {
  it('says what went wrong and what to do about it', () => {
    const changed = snapshot({
      status: 'failed',
      error: { code: 'REMOTE_CHANGED', message: 'remote file changed', retryable: false },
    });
    expect(errorLine(changed)).toBe(
      'a.bin: remote file changed (run again with --restart to download it from zero)',
    );
    const notFound = snapshot({
      status: 'failed',
      error: { code: 'HTTP_STATUS', message: 'HTTP 404', retryable: false },
    });
    expect(errorLine(notFound)).toBe('a.bin: HTTP 404');
    expect(errorLine(snapshot({ status: 'cancelled' }))).toBe('a.bin: cancelled');
  });

  it('lists each digest as computed, verified (with its source) or a mismatch', () => {
    const lines = integrityLines(
      snapshot({
        integrity: [
          { algorithm: 'sha256', actual: 'aa', status: 'computed' },
          { algorithm: 'md5', actual: 'bb', expected: 'bb', source: 'content-md5', status: 'verified' },
          { algorithm: 'sha1', actual: 'cc', expected: 'dd', source: 'user', status: 'mismatch' },
        ],
      }),
    );
    expect(lines).toEqual([
      '  sha256: aa',
      '  md5: bb verified (content-md5)',
      '  sha1: MISMATCH expected dd got cc (user)',
    ]);
  });
});
