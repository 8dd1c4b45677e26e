import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../src-shared/download-types';
import {
  ChunkScheduler,
  BLIND_SPLIT_MIN_SECONDS,
  MEASURE_GRACE_MS,
  TAIL_STEAL_MIN_BYTES,
  type PersistedChunk,
  type Work,
} from '../../src-main/engine/plan/chunk-scheduler';
import { MIN_PROGRESS_BYTES } from '../../src-main/engine/fetch/retry-policy';

const MiB = 1024 * 1024;
const NETWORK: ErrorInfo = { code: 'NETWORK', message: 'connection reset', retryable: true };
const NOT_FOUND: ErrorInfo = { code: 'HTTP_STATUS', message: 'HTTP 404', retryable: false, status: 404 };

function fresh(...ranges: [number, number][]): PersistedChunk[] {
  return ranges.map(([start, end]) => ({ start, end, written: 0, crc: 0 }));
}

function asSplit(work: Work): Extract<Work, { kind: 'split' }> {
  if (work.kind !== 'split') throw new Error(`expected a split, got ${work.kind}`);
  return work;
}

/** One 10 MiB chunk on connection 0, silent past the grace: connection 1 is offered its tail. */
function splitProposed() {
  const scheduler = new ChunkScheduler(fresh([0, 10 * MiB - 1]), MiB, 3);
  scheduler.nextWork(0, 0, true);
  return { scheduler, work: asSplit(scheduler.nextWork(1, MEASURE_GRACE_MS, true)) };
}

/**
 * `count` chunks of 1 MiB; connection 0 moved the first in `fastMs`, connection 1 the second in
 * `otherMs`, so each connection's speed is known from its last chunk.
 */
function twoConnectionsMeasured(count: number, times: { fastMs: number; otherMs: number }): ChunkScheduler {
  const ranges = Array.from({ length: count }, (_, i): [number, number] => [i * MiB, (i + 1) * MiB - 1]);
  const scheduler = new ChunkScheduler(fresh(...ranges), MiB, 3);
  scheduler.nextWork(0, 0, false);
  scheduler.nextWork(1, 0, false);
  scheduler.progress(0, MiB / 2, 1, times.fastMs / 2);
  scheduler.complete(0, MiB, 2, times.fastMs);
  scheduler.progress(1, MiB + MiB / 2, 1, times.otherMs / 2);
  scheduler.complete(1, 2 * MiB, 2, times.otherMs);
  return scheduler;
}

describe('ChunkScheduler: handing out work', () => {
  it('hands pending chunks out in file order and counts each request as an attempt', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99], [100, 199]), 10, 3);
    const first = scheduler.nextWork(0, 0, false);
    const second = scheduler.nextWork(1, 0, false);
    expect(first.kind === 'start' && first.chunk.start).toBe(0);
    expect(second.kind === 'start' && second.chunk.start).toBe(100);
    expect(scheduler.all().map((c) => [c.status, c.connection, c.attempts])).toEqual([
      ['active', 0, 1],
      ['active', 1, 1],
    ]);
    expect(scheduler.nextWork(2, 0, false)).toEqual({ kind: 'none' });
  });

  it('gives a connection far slower than the others the last pending chunk, not the next one', () => {
    const scheduler = twoConnectionsMeasured(6, { fastMs: 125, otherMs: 1000 });
    // The slow one's chunk would hold the in-order hash back while the fast one races past it.
    expect(scheduler.nextWork(1, 1000, false)).toMatchObject({ kind: 'start', chunk: { start: 5 * MiB } });
    expect(scheduler.nextWork(0, 1000, false)).toMatchObject({ kind: 'start', chunk: { start: 2 * MiB } });
  });

  it('hands connections of similar speed the pending chunks in file order', () => {
    const scheduler = twoConnectionsMeasured(6, { fastMs: 200, otherMs: 300 });
    // Connection 1 ran at two thirds of connection 0's speed: not slow enough to go to the end.
    expect(scheduler.nextWork(1, 300, false)).toMatchObject({ kind: 'start', chunk: { start: 2 * MiB } });
    expect(scheduler.nextWork(0, 300, false)).toMatchObject({ kind: 'start', chunk: { start: 3 * MiB } });
  });

  it('restores a resumed plan: full chunks are done, partial ones continue from their written bytes', () => {
    const scheduler = new ChunkScheduler(
      [
        { start: 0, end: 99, written: 100, crc: 7 },
        { start: 100, end: 199, written: 40, crc: 9 },
      ],
      10,
      3,
    );
    expect(scheduler.all().map((c) => [c.status, c.position, c.crc])).toEqual([
      ['done', 100, 7],
      ['pending', 140, 9],
    ]);
    expect(scheduler.downloadedBytes()).toBe(140);
    expect(scheduler.watermark()).toBe(140);
  });

  it('offers the tail of a straggler to a free connection and turns it into a chunk once the worker agrees', () => {
    const scheduler = new ChunkScheduler(fresh([0, 10 * MiB - 1]), MiB, 3);
    scheduler.nextWork(0, 0, true);
    scheduler.progress(0, 2 * MiB, 1, 1000);
    const work = asSplit(scheduler.nextWork(1, 1000, true));
    expect(work.stolen.end).toBe(10 * MiB - 1);
    expect(work.newEnd).toBe(work.stolen.start - 1);
    // Nothing changes until the worker confirms, and the victim is not offered twice meanwhile.
    expect(scheduler.get(0)!.end).toBe(10 * MiB - 1);
    expect(scheduler.nextWork(2, 1000, true)).toEqual({ kind: 'none' });

    const stolen = scheduler.resolveSplit(0, true, work.stolen)!;
    expect(stolen).toMatchObject({
      start: work.stolen.start,
      end: 10 * MiB - 1,
      position: work.stolen.start,
    });
    expect(stolen.status).toBe('pending');
    expect(scheduler.get(0)!.end).toBe(work.newEnd);
    expect(scheduler.all().map((c) => c.start)).toEqual([0, work.stolen.start]);
  });

  it('keeps the victim whole when the worker refuses the shrink, and may offer it again', () => {
    const { scheduler, work } = splitProposed();
    expect(scheduler.resolveSplit(0, false, work.stolen)).toBeUndefined();
    expect(scheduler.all()).toHaveLength(1);
    expect(scheduler.get(0)!.end).toBe(10 * MiB - 1);
    expect(scheduler.nextWork(1, MEASURE_GRACE_MS, true).kind).toBe('split');
  });

  it('does not create a chunk from a split the victim no longer owns', () => {
    const { scheduler, work } = splitProposed();
    scheduler.release(0, MiB, 1, MEASURE_GRACE_MS);
    expect(scheduler.resolveSplit(0, true, work.stolen)).toBeUndefined();
    expect(scheduler.get(0)!.end).toBe(10 * MiB - 1);
  });

  it('ignores a late answer about an earlier split once the chunk is being split again', () => {
    const { scheduler, work: first } = splitProposed();
    // The attempt ends and starts again before the worker's answer to the first shrink arrives.
    scheduler.release(0, MiB, 1, MEASURE_GRACE_MS);
    scheduler.nextWork(0, MEASURE_GRACE_MS, true);
    const second = asSplit(scheduler.nextWork(1, 2 * MEASURE_GRACE_MS, true));
    expect(second.stolen.start).not.toBe(first.stolen.start);
    expect(scheduler.resolveSplit(0, true, first.stolen)).toBeUndefined();
    const stolen = scheduler.resolveSplit(0, true, second.stolen)!;
    expect(stolen.start).toBe(second.stolen.start);
    expect(scheduler.get(0)!.end).toBe(second.stolen.start - 1);
  });

  it('does not take over a tail smaller than the tail-steal minimum', () => {
    const scheduler = new ChunkScheduler(fresh([0, 2 * TAIL_STEAL_MIN_BYTES - 2]), MiB, 3);
    scheduler.nextWork(0, 0, true);
    expect(scheduler.nextWork(1, 0, true)).toEqual({ kind: 'none' });
  });

  it('takes over tails down to the tail-steal minimum even when the plan minimum is larger', () => {
    const scheduler = new ChunkScheduler(fresh([0, MiB]), MiB, 3);
    scheduler.nextWork(0, 0, true);
    expect(scheduler.nextWork(1, MEASURE_GRACE_MS, true)).toMatchObject({
      kind: 'split',
      stolen: { end: MiB },
    });
  });

  it('gives a new attempt time to show its speed before taking over its tail', () => {
    const scheduler = new ChunkScheduler(fresh([0, 10 * MiB - 1]), MiB, 3);
    scheduler.nextWork(0, 0, true);
    // Its request may already be streaming the whole range: splitting now would fetch the tail twice.
    expect(scheduler.nextWork(1, MEASURE_GRACE_MS - 1, true)).toEqual({ kind: 'none' });
    expect(scheduler.nextWork(1, MEASURE_GRACE_MS, true).kind).toBe('split');
  });

  it('takes over the tail of a new attempt at once when its connection showed its speed on the last chunk', () => {
    const scheduler = new ChunkScheduler(fresh([0, MiB - 1], [MiB, 11 * MiB - 1]), MiB, 3);
    scheduler.nextWork(0, 0, true);
    scheduler.progress(0, 512 * 1024, 1, 100);
    scheduler.complete(0, MiB, 2, 200);
    expect(scheduler.nextWork(0, 200, true)).toMatchObject({ kind: 'start', chunk: { start: MiB } });
    // Connection 0 moved 1 MiB in 0.2 s; its new attempt is split before its own first report.
    expect(scheduler.nextWork(1, 201, true)).toMatchObject({ kind: 'split', victim: { start: MiB } });
  });

  it('waits for the meter when a new attempt would be over before it could measure it', () => {
    const scheduler = new ChunkScheduler(fresh([0, MiB - 1], [MiB, 2 * MiB - 1]), 64 * 1024, 3);
    scheduler.nextWork(0, 0, true);
    scheduler.progress(0, 512 * 1024, 1, 75);
    scheduler.complete(0, MiB, 2, 150);
    scheduler.nextWork(0, 150, true);
    // 1 MiB at ~6.7 MiB/s takes ~0.15 s: splitting now would waste what is in flight, not save time.
    expect(1 / 6.7).toBeLessThan(BLIND_SPLIT_MIN_SECONDS);
    expect(scheduler.nextWork(1, 151, true)).toEqual({ kind: 'none' });
  });

  it('takes over the tail of a new attempt at once when its speed is already measured', () => {
    const scheduler = new ChunkScheduler(fresh([0, 10 * MiB - 1]), MiB, 3);
    scheduler.nextWork(0, 0, true);
    scheduler.progress(0, 100 * 1024, 1, 100);
    scheduler.progress(0, 200 * 1024, 2, 200);
    expect(scheduler.nextWork(1, 200, true).kind).toBe('split');
  });
});

describe('ChunkScheduler: progress and completion', () => {
  it('ignores progress that goes backwards or past the end of the chunk', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99]), 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.progress(0, 50, 5, 10);
    scheduler.progress(0, 40, 4, 20);
    scheduler.progress(0, 101, 6, 30);
    scheduler.progress(99, 10, 6, 30);
    expect(scheduler.get(0)).toMatchObject({ position: 50, crc: 5 });
    scheduler.progress(0, 100, 8, 40);
    expect(scheduler.get(0)).toMatchObject({ position: 100, crc: 8 });
  });

  it('forgets the last error once bytes flow again', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99]), 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.fail(0, 10, 1, NETWORK, 0, 0);
    scheduler.wake(0);
    scheduler.nextWork(0, 0, false);
    scheduler.progress(0, 10, 1, 5);
    expect(scheduler.get(0)!.lastError).toEqual(NETWORK);
    scheduler.progress(0, 20, 2, 10);
    expect(scheduler.get(0)!.lastError).toBeUndefined();
  });

  it('completes the download only when every chunk is done', () => {
    const scheduler = new ChunkScheduler(fresh([0, 49], [50, 99]), 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.nextWork(1, 0, false);
    scheduler.complete(0, 50, 1, 10);
    expect(scheduler.isComplete()).toBe(false);
    scheduler.complete(1, 100, 2, 10);
    expect(scheduler.isComplete()).toBe(true);
    expect(scheduler.downloadedBytes()).toBe(100);
    expect(scheduler.all().every((c) => c.connection === undefined)).toBe(true);
  });

  it('fixes the end of a stream of unknown length when it completes', () => {
    const scheduler = new ChunkScheduler([{ start: 0, end: Infinity, written: 0, crc: 0 }], 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.progress(0, 1234, 1, 10);
    expect(scheduler.snapshot(10)[0]!.end).toBe(-1);
    expect(scheduler.watermark()).toBe(1234);
    scheduler.complete(0, 1234, 1, 20);
    expect(scheduler.get(0)).toMatchObject({ end: 1233, status: 'done' });
    expect(scheduler.persisted()).toEqual([{ start: 0, end: 1233, written: 1234, crc: 1 }]);
  });

  it('starts a rangeless stream over from the first byte', () => {
    const scheduler = new ChunkScheduler([{ start: 0, end: Infinity, written: 0, crc: 0 }], 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.fail(0, 500, 42, NETWORK, 10, 0);
    scheduler.restartFromZero(0);
    expect(scheduler.get(0)).toMatchObject({ position: 0, crc: 0 });
  });
});

describe('ChunkScheduler: failures and retries', () => {
  it('waits out the backoff before the chunk is handed out again', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99]), 10, 3);
    scheduler.nextWork(0, 1000, false);
    expect(scheduler.fail(0, 30, 3, NETWORK, 1000, 500)).toBe(true);
    expect(scheduler.get(0)).toMatchObject({ status: 'retry-wait', nextAttemptAt: 1500, position: 30 });
    expect(scheduler.nextWork(0, 1200, false)).toEqual({ kind: 'none' });
    expect(scheduler.wake(1499)).toBe(1500);
    expect(scheduler.wake(1500)).toBeUndefined();
    const work = scheduler.nextWork(0, 1500, false);
    expect(work.kind === 'start' && work.chunk).toMatchObject({ position: 30, attempts: 2 });
    expect(scheduler.get(0)!.nextAttemptAt).toBeUndefined();
  });

  it('reports the earliest of several backoffs', () => {
    const scheduler = new ChunkScheduler(fresh([0, 49], [50, 99]), 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.nextWork(1, 0, false);
    scheduler.fail(0, -1, 0, NETWORK, 0, 900);
    scheduler.fail(1, -1, 0, NETWORK, 0, 300);
    expect(scheduler.wake(100)).toBe(300);
  });

  it('fails a chunk at once on an error that retrying cannot fix', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99]), 10, 3);
    scheduler.nextWork(0, 0, false);
    expect(scheduler.fail(0, 0, 0, NOT_FOUND, 0, 500)).toBe(false);
    expect(scheduler.firstFailure()).toMatchObject({ id: 0, status: 'failed', lastError: NOT_FOUND });
  });

  it('gives up after maxRetries retries without a single new byte', () => {
    const maxRetries = 2;
    const scheduler = new ChunkScheduler(fresh([0, 99]), 10, maxRetries);
    const outcomes: boolean[] = [];
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      scheduler.wake(Infinity);
      scheduler.nextWork(0, 0, false);
      outcomes.push(scheduler.fail(0, 0, 0, NETWORK, 0, 0));
    }
    expect(outcomes).toEqual([true, true, false]);
    expect(scheduler.get(0)).toMatchObject({ status: 'failed', attempts: 3, consecutiveFailures: 3 });
  });

  it('restarts the retry budget whenever bytes flowed, so a flaky link still finishes', () => {
    const step = MIN_PROGRESS_BYTES;
    const scheduler = new ChunkScheduler(fresh([0, 10 * step - 1]), 10, 1);
    for (let position = step; position < 10 * step; position += step) {
      scheduler.wake(Infinity);
      scheduler.nextWork(0, 0, false);
      expect(scheduler.fail(0, position, 0, NETWORK, 0, 0)).toBe(true);
      expect(scheduler.get(0)!.consecutiveFailures).toBe(1);
    }
    expect(scheduler.get(0)!.attempts).toBe(9);
  });

  it('counts a failure that reports no position as no progress', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99]), 10, 0);
    scheduler.nextWork(0, 0, false);
    scheduler.progress(0, 40, 4, 0);
    expect(scheduler.fail(0, -1, 0, NETWORK, 0, 0)).toBe(false);
    expect(scheduler.get(0)!.position).toBe(40);
  });

  it('returns a released chunk to the queue without charging an attempt', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99], [100, 199]), 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.complete(0, 100, 1, 0);
    scheduler.nextWork(1, 0, false);
    scheduler.release(1, 150, 5, 0);
    scheduler.release(0, -1, 0, 0);
    expect(scheduler.all().map((c) => [c.status, c.attempts, c.position, c.connection])).toEqual([
      ['done', 1, 100, undefined],
      ['pending', 0, 150, undefined],
    ]);
  });
});

describe('ChunkScheduler: what it reports', () => {
  it('measures the contiguous prefix on disk as the watermark', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99], [100, 199], [200, 299]), 10, 3);
    expect(scheduler.watermark()).toBe(0);
    for (let connection = 0; connection < 3; connection++) scheduler.nextWork(connection, 0, false);
    scheduler.progress(1, 150, 0, 0);
    scheduler.progress(2, 300, 0, 0);
    scheduler.progress(0, 60, 0, 0);
    expect(scheduler.watermark()).toBe(60);
    scheduler.progress(0, 100, 0, 0);
    expect(scheduler.watermark()).toBe(150);
  });

  it('persists exactly what is needed to resume the same plan', () => {
    const scheduler = new ChunkScheduler(fresh([0, 99], [100, 199]), 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.nextWork(1, 0, false);
    scheduler.complete(0, 100, 11, 0);
    scheduler.progress(1, 130, 22, 0);
    const saved = scheduler.persisted();
    expect(saved).toEqual([
      { start: 0, end: 99, written: 100, crc: 11 },
      { start: 100, end: 199, written: 30, crc: 22 },
    ]);
    expect(new ChunkScheduler(saved, 10, 3).persisted()).toEqual(saved);
  });

  it('snapshots chunks for the UI with speed only for active ones and the retry time', () => {
    const scheduler = new ChunkScheduler(fresh([0, 9999], [10000, 19999]), 10, 3);
    scheduler.nextWork(0, 0, false);
    scheduler.nextWork(1, 0, false);
    scheduler.progress(0, 1000, 0, 0);
    scheduler.progress(0, 3000, 0, 1000);
    scheduler.fail(1, 10500, 0, NETWORK, 1000, 2000);
    const [active, waiting] = scheduler.snapshot(1000);
    expect(active).toMatchObject({
      id: 0,
      start: 0,
      end: 9999,
      written: 3000,
      status: 'active',
      attempts: 1,
    });
    expect(active!.speedBps).toBe(2000);
    expect(waiting).toMatchObject({ written: 500, status: 'retry-wait', speedBps: 0, nextAttemptAt: 3000 });
    expect(waiting!.lastError).toEqual(NETWORK);
  });
});
