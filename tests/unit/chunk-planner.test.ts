import { describe, expect, it } from 'vitest';
import type { ActiveChunkView, ByteRange } from '../../src-main/engine/plan/chunk-planner';
import { AUTO_MAX_CHUNK_BYTES, chooseSplit, planChunks } from '../../src-main/engine/plan/chunk-planner';

const KiB = 1024;
const MiB = 1024 * KiB;

function expectExactCover(chunks: ByteRange[], totalBytes: number): void {
  let next = 0;
  for (const chunk of chunks) {
    expect(chunk.start).toBe(next);
    expect(chunk.end).toBeGreaterThanOrEqual(chunk.start);
    next = chunk.end + 1;
  }
  expect(next).toBe(totalBytes);
}

describe('planChunks', () => {
  it('plans nothing for an empty file', () => {
    expect(planChunks(0, { connections: 8, chunkSizeBytes: 0, minSplitBytes: MiB })).toEqual([]);
    expect(planChunks(0, { connections: 8, chunkSizeBytes: MiB, minSplitBytes: MiB })).toEqual([]);
  });

  it('plans one single-byte chunk for a one-byte file', () => {
    expect(planChunks(1, { connections: 32, chunkSizeBytes: 0, minSplitBytes: 1 })).toEqual([
      { start: 0, end: 0 },
    ]);
  });

  describe.each([0, 1, MiB + 1, 100 * MiB])('a file of %i bytes', (totalBytes) => {
    it.each([1, 4, 8, 32])(
      'covers every byte exactly once with %i connections (auto size)',
      (connections) => {
        const chunks = planChunks(totalBytes, { connections, chunkSizeBytes: 0, minSplitBytes: 64 * KiB });
        expectExactCover(chunks, totalBytes);
        expect(chunks.length).toBeLessThanOrEqual(
          Math.max(connections, Math.ceil(totalBytes / AUTO_MAX_CHUNK_BYTES)),
        );
      },
    );

    it.each([256 * KiB, MiB, 64 * MiB])(
      'covers every byte exactly once with %i-byte chunks',
      (chunkSizeBytes) => {
        const chunks = planChunks(totalBytes, { connections: 8, chunkSizeBytes, minSplitBytes: 64 * KiB });
        expectExactCover(chunks, totalBytes);
        expect(chunks).toHaveLength(Math.ceil(totalBytes / chunkSizeBytes));
      },
    );
  });

  it('uses one chunk per connection while chunks stay within the automatic maximum', () => {
    for (const connections of [1, 4, 8, 32]) {
      const total = connections * AUTO_MAX_CHUNK_BYTES;
      const chunks = planChunks(total, { connections, chunkSizeBytes: 0, minSplitBytes: MiB });
      expect(chunks).toHaveLength(connections);
    }
  });

  it('plans a large file in even chunks no larger than the automatic maximum, so it fills in order', () => {
    for (const connections of [1, 4, 8, 32]) {
      const chunks = planChunks(100 * MiB + 7, { connections, chunkSizeBytes: 0, minSplitBytes: MiB });
      expect(chunks).toHaveLength(Math.max(connections, Math.ceil((100 * MiB + 7) / AUTO_MAX_CHUNK_BYTES)));
      const sizes = chunks.map((chunk) => chunk.end - chunk.start + 1);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(AUTO_MAX_CHUNK_BYTES);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('never plans an auto chunk below the minimum split size', () => {
    const chunks = planChunks(MiB + 1, { connections: 8, chunkSizeBytes: 0, minSplitBytes: 256 * KiB });
    expect(chunks).toHaveLength(4);
    for (const chunk of chunks) expect(chunk.end - chunk.start + 1).toBeGreaterThanOrEqual(256 * KiB);
  });

  it('keeps a file smaller than the minimum split size in one chunk', () => {
    expect(planChunks(MiB + 1, { connections: 8, chunkSizeBytes: 0, minSplitBytes: 4 * MiB })).toEqual([
      { start: 0, end: MiB },
    ]);
  });

  it('makes only the last explicit-size chunk shorter', () => {
    const chunks = planChunks(MiB + 1, { connections: 4, chunkSizeBytes: 256 * KiB, minSplitBytes: 1 });
    expect(chunks).toHaveLength(5);
    expect(chunks[4]).toEqual({ start: MiB, end: MiB });
    for (const chunk of chunks.slice(0, 4)) expect(chunk.end - chunk.start + 1).toBe(256 * KiB);
  });

  it('rejects an impossible size', () => {
    const options = { connections: 8, chunkSizeBytes: 0, minSplitBytes: 1 };
    expect(() => planChunks(-1, options)).toThrow(RangeError);
    expect(() => planChunks(1.5, options)).toThrow(RangeError);
  });
});

function chunk(id: number, position: number, end: number, speedBps: number): ActiveChunkView {
  return { id, position, end, speedBps };
}

describe('chooseSplit', () => {
  it('relieves the chunk that will finish last, not the one with the most bytes left', () => {
    const active = [chunk(1, 0, 10 * MiB - 1, 10 * MiB), chunk(2, 10 * MiB, 12 * MiB - 1, 100 * KiB)];
    expect(chooseSplit(active, 0, 64 * KiB)?.victimId).toBe(2);
  });

  it('treats a connection without a measured speed as the slowest', () => {
    const active = [chunk(1, 0, 99 * MiB, 1 * KiB), chunk(2, 100 * MiB, 101 * MiB, 0)];
    expect(chooseSplit(active, 0, 64 * KiB)?.victimId).toBe(2);
  });

  it('breaks ties between unmeasured connections by remaining bytes', () => {
    const active = [chunk(1, 0, MiB - 1, 0), chunk(2, MiB, 5 * MiB - 1, 0)];
    expect(chooseSplit(active, 0, 64 * KiB)?.victimId).toBe(2);
  });

  it('takes the second half of the remaining range when speeds are unknown', () => {
    const decision = chooseSplit([chunk(7, 1000, 1999, 0)], 0, 10);
    expect(decision).toEqual({ victimId: 7, newVictimEnd: 1499, stolen: { start: 1500, end: 1999 } });
  });

  it('lets the victim keep the larger half of an odd remainder', () => {
    expect(chooseSplit([chunk(1, 0, 100, 0)], 0, 1)).toEqual({
      victimId: 1,
      newVictimEnd: 50,
      stolen: { start: 51, end: 100 },
    });
  });

  it('gives a fast thief a share proportional to its speed', () => {
    const decision = chooseSplit([chunk(1, 0, 999, 1 * MiB)], 3 * MiB, 1);
    expect(decision?.stolen).toEqual({ start: 250, end: 999 });
  });

  it('relieves a crawling straggler of almost all of its tail', () => {
    const decision = chooseSplit([chunk(1, 0, 9999, 1 * KiB)], 8 * MiB, 1);
    expect(decision).toEqual({ victimId: 1, newVictimEnd: 499, stolen: { start: 500, end: 9999 } });
  });

  it('never takes less than half, even from a faster victim', () => {
    const decision = chooseSplit([chunk(1, 0, 999, 1 * MiB)], 0.6 * MiB, 1);
    expect(decision?.stolen).toEqual({ start: 500, end: 999 });
  });

  it('does not split when the thief would finish its share later than the victim', () => {
    expect(chooseSplit([chunk(1, 0, 999, 1 * MiB)], 0.4 * MiB, 1)).toBeUndefined();
  });

  it('does not split off less than the minimum split size', () => {
    expect(chooseSplit([chunk(1, 0, 2 * MiB - 1, 0)], 0, MiB)).toBeDefined();
    expect(chooseSplit([chunk(1, 0, 2 * MiB - 2, 0)], 0, MiB)).toBeUndefined();
  });

  it('moves on to the next finisher when the straggler is too small to split', () => {
    const active = [chunk(1, 0, 99, 1), chunk(2, 1000, 1000 + MiB - 1, MiB)];
    expect(chooseSplit(active, 0, 64 * KiB)?.victimId).toBe(2);
  });

  it('never splits a chunk with a single byte left, or nothing at all', () => {
    expect(chooseSplit([chunk(1, 5, 5, 0)], 0, 0)).toBeUndefined();
    expect(chooseSplit([chunk(1, 6, 5, 0)], 0, 0)).toBeUndefined();
    expect(chooseSplit([], 0, 0)).toBeUndefined();
  });

  it('keeps every invariant across random plans', () => {
    // A small seeded generator keeps failures reproducible.
    let seed = 12345;
    const random = (max: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % max;
    };
    let splits = 0;
    for (let round = 0; round < 2000; round++) {
      const active: ActiveChunkView[] = [];
      let offset = random(1000);
      for (let id = 0, count = 1 + random(8); id < count; id++) {
        const length = 1 + random(5000);
        const done = random(length + 1);
        active.push(chunk(id, offset + done, offset + length - 1, random(3) === 0 ? 0 : 1 + random(10_000)));
        offset += length;
      }
      const minSplitBytes = random(200);
      const decision = chooseSplit(active, random(4) === 0 ? 0 : 1 + random(20_000), minSplitBytes);
      if (!decision) continue;
      splits++;

      const victim = active.find((candidate) => candidate.id === decision.victimId);
      expect(victim).toBeDefined();
      if (!victim) continue;
      expect(decision.newVictimEnd).toBeGreaterThanOrEqual(victim.position);
      expect(decision.stolen.start).toBe(decision.newVictimEnd + 1);
      expect(decision.stolen.end).toBe(victim.end);
      const stolenBytes = decision.stolen.end - decision.stolen.start + 1;
      expect(stolenBytes).toBeGreaterThanOrEqual(Math.max(1, minSplitBytes));
      expect(stolenBytes * 2).toBeGreaterThanOrEqual(victim.end - victim.position + 1 - 1);
      for (const other of active) {
        if (other.id === victim.id) continue;
        const overlaps = decision.stolen.start <= other.end && other.position <= decision.stolen.end;
        expect(overlaps).toBe(false);
      }
    }
    expect(splits).toBeGreaterThan(500);
  });
});
