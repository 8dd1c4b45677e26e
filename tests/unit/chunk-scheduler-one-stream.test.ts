import { describe, expect, it } from 'vitest';
import { ChunkScheduler } from '../../src-main/engine/plan/chunk-scheduler';

const KiB = 1024;

function plan(): ChunkScheduler {
  const ranges = [0, 1, 2, 3].map((i) => ({
    start: i * 100 * KiB,
    end: (i + 1) * 100 * KiB - 1,
    written: 0,
    crc: 0,
  }));
  return new ChunkScheduler(ranges, 16 * KiB, 3);
}

describe('ChunkScheduler: one stream from byte 0', () => {
  it('makes the chunk at byte 0 the whole file and drops every other chunk, done ones included', () => {
    const scheduler = plan();
    const first = scheduler.all()[0]!;
    scheduler.assign(first, 0, 0);
    scheduler.progress(first.id, 50 * KiB, 123, 10);
    const last = scheduler.all()[3]!;
    scheduler.assign(last, 1, 0);
    scheduler.complete(last.id, 400 * KiB, 9, 20);
    scheduler.collapseInto(first.id, 400 * KiB - 1);
    expect(scheduler.all()).toHaveLength(1);
    expect(scheduler.all()[0]).toMatchObject({ start: 0, end: 400 * KiB - 1, position: 50 * KiB, crc: 123 });
    expect(scheduler.all()[0]!.status).toBe('active');
    // What is on disk from byte 0 is all a resume can rely on now.
    expect(scheduler.persisted()).toEqual([{ start: 0, end: 400 * KiB - 1, written: 50 * KiB, crc: 123 }]);
    expect(scheduler.watermark()).toBe(50 * KiB);
    expect(scheduler.isComplete()).toBe(false);
    scheduler.complete(first.id, 400 * KiB, 456, 30);
    expect(scheduler.isComplete()).toBe(true);
  });

  it('leaves the plan alone when asked to grow a chunk that does not start at byte 0', () => {
    const scheduler = plan();
    scheduler.collapseInto(scheduler.all()[1]!.id, 400 * KiB - 1);
    expect(scheduler.all()).toHaveLength(4);
  });
});
