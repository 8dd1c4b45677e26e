import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../src-shared/download-types';
import { MIN_PROGRESS_BYTES } from '../../src-main/engine/fetch/retry-policy';
import { ChunkScheduler, MEASURE_GRACE_MS } from '../../src-main/engine/plan/chunk-scheduler';

const MiB = 1024 * 1024;
const NETWORK: ErrorInfo = { code: 'NETWORK', message: 'connection reset', retryable: true };
const PROTOCOL: ErrorInfo = { code: 'PROTOCOL_ERROR', message: 'bad chunk size', retryable: true };

function scheduler(size: number, maxRetries: number, chunks = 1): ChunkScheduler {
  const part = size / chunks;
  const ranges = Array.from({ length: chunks }, (_, i) => ({
    start: i * part,
    end: (i + 1) * part - 1,
    written: 0,
    crc: 0,
  }));
  return new ChunkScheduler(ranges, 64 * 1024, maxRetries);
}

/** Starts chunk `id` again and fails it at `position` (-1: no bytes reported). */
function attempt(s: ChunkScheduler, id: number, position: number, error = NETWORK): boolean {
  s.wake(Infinity);
  s.assign(s.get(id)!, 0, 0);
  return s.fail(id, position, 0, error, 0, 0);
}

describe('RetryBudget: one budget per download', () => {
  it('fails a whole-file stream that restarts from 0 and breaks at the same byte every time', () => {
    const s = scheduler(4 * MiB, 2);
    const short = 4 * MiB - 1000;
    expect(attempt(s, 0, short)).toBe(true);
    s.restartFromZero(0);
    expect(attempt(s, 0, short)).toBe(true);
    s.restartFromZero(0);
    expect(attempt(s, 0, short)).toBe(false);
    expect(s.firstFailure()?.lastError).toEqual(NETWORK);
  });

  it('does not count one byte per attempt as progress', () => {
    const s = scheduler(4 * MiB, 2);
    expect(attempt(s, 0, 1)).toBe(true);
    expect(attempt(s, 0, 2)).toBe(true);
    expect(attempt(s, 0, 3)).toBe(false);
  });

  it('keeps retrying while every attempt brings enough new bytes', () => {
    const s = scheduler(4 * MiB, 1);
    for (let position = MIN_PROGRESS_BYTES; position < 200 * 1024; position += MIN_PROGRESS_BYTES) {
      expect(attempt(s, 0, position)).toBe(true);
    }
  });

  it('gives a split tail the failures its chunk had, not a fresh budget', () => {
    const s = scheduler(4 * MiB, 3);
    attempt(s, 0, -1);
    attempt(s, 0, -1);
    s.wake(Infinity);
    s.assign(s.get(0)!, 0, 0);
    const work = s.nextWork(1, MEASURE_GRACE_MS, true);
    if (work.kind !== 'split') throw new Error('expected a split');
    const tail = s.resolveSplit(0, true, work.stolen)!;
    expect(tail.consecutiveFailures).toBe(2);
  });

  it('ends the download after twice the retry budget of failures without progress across chunks', () => {
    const s = scheduler(4 * MiB, 2, 4);
    const results = [0, 1, 2, 3, 0].map((id) => attempt(s, id, -1));
    expect(results).toEqual([true, true, true, true, false]);
  });

  it('gives malformed responses a budget of two retries', () => {
    const s = scheduler(4 * MiB, 8);
    expect(attempt(s, 0, -1, PROTOCOL)).toBe(true);
    expect(attempt(s, 0, -1, PROTOCOL)).toBe(true);
    expect(attempt(s, 0, -1, PROTOCOL)).toBe(false);
  });

  it('stops asking for ranges after the third wrong Content-Range', () => {
    const s = scheduler(4 * MiB, 8);
    expect([s.budget.noteRangeLie(), s.budget.noteRangeLie(), s.budget.noteRangeLie()]).toEqual([
      false,
      false,
      true,
    ]);
  });
});
