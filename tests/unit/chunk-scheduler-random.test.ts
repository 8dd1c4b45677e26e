import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../src-shared/download-types';
import { ChunkScheduler } from '../../src-main/engine/plan/chunk-scheduler';
import { planChunks } from '../../src-main/engine/plan/chunk-planner';

// Random interleavings of assignment, progress, stealing, failure, release and completion, checked
// after every event: the chunks must always tile the file, and in the end every byte is written once.

const NETWORK: ErrorInfo = { code: 'NETWORK', message: 'connection reset', retryable: true };

/** Small deterministic PRNG so a failing sequence can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns what is wrong with the chunk list, or '' when it tiles [0, totalBytes) exactly. */
function tilingProblem(scheduler: ChunkScheduler, totalBytes: number): string {
  let next = 0;
  for (const c of scheduler.all()) {
    if (c.start !== next) return `chunk ${c.id} starts at ${c.start}, expected ${next}`;
    if (c.end < c.start) return `chunk ${c.id} is empty`;
    if (c.position < c.start || c.position > c.end + 1)
      return `chunk ${c.id} position ${c.position} outside it`;
    next = c.end + 1;
  }
  return next === totalBytes ? '' : `chunks end at ${next}, file has ${totalBytes} bytes`;
}

describe('ChunkScheduler: random sequences of events', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])(
    'tiles the file exactly and writes every byte once (seed %i)',
    (seed) => {
      const random = mulberry32(seed);
      const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
      const totalBytes = 20_000 + Math.floor(random() * 80_000);
      const connections = 2 + Math.floor(random() * 5);
      const plan = planChunks(totalBytes, { connections, chunkSizeBytes: 0, minSplitBytes: 1000 });
      const scheduler = new ChunkScheduler(
        plan.map((range) => ({ ...range, written: 0, crc: 0 })),
        500,
        1e9,
      );
      const writes = new Uint8Array(totalBytes);
      const busy = new Map<number, number>(); // connection -> chunk id
      const splits: { victimId: number; newEnd: number; stolen: { start: number; end: number } }[] = [];
      let now = 0;
      const advance = (id: number, to: number): void => {
        const chunk = scheduler.get(id)!;
        for (let offset = chunk.position; offset < to; offset++) writes[offset]! += 1;
        scheduler.progress(id, to, 0, now);
      };
      const resolve = (index: number, accept: boolean): void => {
        const [split] = splits.splice(index, 1);
        const victim = scheduler.get(split!.victimId)!;
        // The worker accepts only when it has not already taken bytes past the new end.
        const accepted = accept && victim.status === 'active' && victim.position <= split!.newEnd + 1;
        scheduler.resolveSplit(split!.victimId, accepted, split!.stolen);
      };

      for (let step = 0; step < 3000 || !scheduler.isComplete(); step++) {
        expect(step).toBeLessThan(100_000);
        now += Math.floor(random() * 50);
        const draining = step >= 3000;
        const roll = random();
        const active = [...busy.entries()];
        const connection = pick([...Array(connections).keys()].filter((c) => !busy.has(c)));
        if (splits.length > 0 && (roll < 0.15 || draining)) {
          resolve(Math.floor(random() * splits.length), random() < 0.7);
        } else if (connection !== undefined && roll < 0.4) {
          scheduler.wake(now);
          const work = scheduler.nextWork(connection, now, !draining);
          if (work.kind === 'start') busy.set(connection, work.chunk.id);
          if (work.kind === 'split')
            splits.push({ victimId: work.victim.id, newEnd: work.newEnd, stolen: work.stolen });
        } else if (active.length > 0) {
          const [owner, id] = pick(active)!;
          const chunk = scheduler.get(id)!;
          const to = Math.min(chunk.end + 1, chunk.position + Math.floor(random() * 400));
          if (to === chunk.end + 1 && !splits.some((s) => s.victimId === id)) {
            advance(id, to);
            scheduler.complete(id, to, 0, now);
            busy.delete(owner);
          } else if (roll < 0.45 && !draining) {
            advance(id, to);
            scheduler.fail(id, to, 0, NETWORK, now, Math.floor(random() * 200));
            busy.delete(owner);
          } else if (roll < 0.5 && !draining) {
            advance(id, to);
            scheduler.release(id, to, 0, now);
            busy.delete(owner);
          } else {
            advance(id, Math.min(to, chunk.end));
          }
        } else {
          now += 200;
          scheduler.wake(now);
        }
        const problem = tilingProblem(scheduler, totalBytes);
        if (problem) expect.fail(`step ${step}: ${problem}`);
      }
      expect(writes.findIndex((count) => count !== 1)).toBe(-1);
      // The sequence must have exercised stealing, or it proves little.
      expect(scheduler.all().length).toBeGreaterThan(plan.length);
      expect(scheduler.downloadedBytes()).toBe(totalBytes);
      expect(scheduler.watermark()).toBe(totalBytes);
    },
  );
});
