import { beforeEach, describe, expect, it } from 'vitest';
import type { DownloadSnapshot, ProgressBatch } from '../../src-shared/download-types';
import type { Clock, TimerHandle } from '../../src-main/engine/clock';
import {
  PROGRESS_BATCH_INTERVAL_MS,
  ProgressSampler,
  type Sampled,
} from '../../src-main/engine/progress/progress-sampler';

class FakeClock implements Clock {
  private time = 1_000_000;
  private nextId = 0;
  readonly intervals = new Map<number, { callback: () => void; ms: number; due: number }>();

  now(): number {
    return this.time;
  }
  setTimeout(): TimerHandle {
    throw new Error('the sampler only uses an interval');
  }
  clearTimeout(): void {}
  setInterval(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.intervals.set(id, { callback, ms, due: this.time + ms });
    return { id };
  }
  clearInterval(handle: TimerHandle): void {
    this.intervals.delete(handle.id as number);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.intervals.values()].filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.time = next.due;
      next.due += next.ms;
      next.callback();
    }
    this.time = end;
  }
}

class FakeDownload implements Sampled {
  downloadedBytes = 0;
  moving = false;
  samples = 0;
  constructor(readonly id: string) {}
  sample(): void {
    this.samples++;
  }
  snapshot(): DownloadSnapshot {
    return {
      id: this.id,
      url: `http://127.0.0.1/${this.id}`,
      directory: '/tmp',
      status: this.moving ? 'downloading' : 'paused',
      downloadedBytes: this.downloadedBytes,
      speedBps: 0,
      connections: 1,
      chunks: [],
      retries: [],
      integrity: [],
      createdAt: 0,
    };
  }
  isMoving(): boolean {
    return this.moving;
  }
}

const TICK = PROGRESS_BATCH_INTERVAL_MS;
let clock: FakeClock;
let batches: ProgressBatch[];
let sampler: ProgressSampler;
const idsOf = (batch: ProgressBatch | undefined): string[] => batch?.downloads.map((d) => d.id) ?? [];

beforeEach(() => {
  clock = new FakeClock();
  batches = [];
  sampler = new ProgressSampler(clock, (batch) => batches.push(batch));
});

describe('ProgressSampler', () => {
  it('emits one batch per tick however often workers report, with each download once', () => {
    const a = new FakeDownload('a');
    const b = new FakeDownload('b');
    for (let report = 1; report <= 100; report++) {
      a.downloadedBytes = report * 10;
      sampler.markDirty(a);
      sampler.markDirty(b);
    }
    expect(batches).toEqual([]);
    clock.advance(TICK);
    expect(batches).toHaveLength(1);
    expect(idsOf(batches[0])).toEqual(['a', 'b']);
    expect(batches[0]!.downloads[0]!.downloadedBytes).toBe(1000);
    expect(batches[0]!.at).toBe(clock.now());
  });

  it('sends only the downloads that changed since the previous batch', () => {
    const a = new FakeDownload('a');
    const b = new FakeDownload('b');
    sampler.markDirty(a);
    sampler.markDirty(b);
    clock.advance(TICK);
    sampler.markDirty(b);
    clock.advance(TICK);
    expect(batches.map(idsOf)).toEqual([['a', 'b'], ['b']]);
  });

  it('keeps sampling a moving download every tick, since its speed changes without new bytes', () => {
    const a = new FakeDownload('a');
    a.moving = true;
    sampler.markDirty(a);
    clock.advance(3 * TICK);
    expect(batches.map(idsOf)).toEqual([['a'], ['a'], ['a']]);
    expect(a.samples).toBe(3);
    a.moving = false;
    clock.advance(3 * TICK);
    // One last batch shows it stopped; then it is quiet.
    expect(batches).toHaveLength(4);
  });

  it('flushes pending progress at once, before a state change goes out', () => {
    const a = new FakeDownload('a');
    sampler.markDirty(a);
    clock.advance(TICK / 2);
    sampler.flush();
    expect(idsOf(batches[0])).toEqual(['a']);
    clock.advance(TICK);
    expect(batches).toHaveLength(1);
  });

  it('never emits an empty batch', () => {
    sampler.flush();
    sampler.markDirty(new FakeDownload('a'));
    clock.advance(10 * TICK);
    expect(batches).toHaveLength(1);
  });

  it('stops its timer when nothing changes and starts it again on the next report', () => {
    const a = new FakeDownload('a');
    sampler.markDirty(a);
    expect(clock.intervals.size).toBe(1);
    clock.advance(2 * TICK);
    expect(clock.intervals.size).toBe(0);
    sampler.markDirty(a);
    sampler.markDirty(a);
    expect(clock.intervals.size).toBe(1);
    clock.advance(TICK);
    expect(batches).toHaveLength(2);
  });

  it('drops what it held for a removed download', () => {
    const a = new FakeDownload('a');
    a.moving = true;
    sampler.markDirty(a);
    sampler.markDirty(new FakeDownload('b'));
    sampler.forget('a');
    clock.advance(2 * TICK);
    expect(batches.map(idsOf)).toEqual([['b']]);
  });

  it('stops its timer on stop()', () => {
    const a = new FakeDownload('a');
    a.moving = true;
    sampler.markDirty(a);
    sampler.stop();
    expect(clock.intervals.size).toBe(0);
    clock.advance(5 * TICK);
    expect(batches).toEqual([]);
  });
});
