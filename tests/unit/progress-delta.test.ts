// Progress batches as deltas: the sampler sends only what changed since what it sent, and a client
// that merges every batch holds exactly the engine's snapshot.
import { describe, expect, it } from 'vitest';
import type {
  ChunkSnapshot,
  DownloadSnapshot,
  ProgressBatch,
  RetryRecord,
} from '../../src-shared/download-types';
import { applyProgress } from '../../src-shared/progress-delta';
import { ProgressSampler, type Sampled } from '../../src-main/engine/progress/progress-sampler';
import { FakeClock } from '../support/fake-clock';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

function retry(chunkId: number, at: number): RetryRecord {
  return {
    chunkId,
    attempt: 1,
    at,
    error: { code: 'NETWORK', message: 'network error: ECONNRESET', retryable: true },
    nextAttemptAt: at + 500,
  };
}

/** A download of `totalBytes` in `chunkBytes` chunks whose first `active` chunks are transferring. */
class BigDownload implements Sampled {
  readonly chunks: ChunkSnapshot[];
  readonly retries: RetryRecord[] = [];
  constructor(
    readonly id: string,
    totalBytes: number,
    chunkBytes: number,
  ) {
    this.chunks = Array.from({ length: Math.ceil(totalBytes / chunkBytes) }, (_, id) => ({
      id,
      start: id * chunkBytes,
      end: Math.min(totalBytes, (id + 1) * chunkBytes) - 1,
      written: 0,
      status: 'pending',
      speedBps: 0,
      attempts: 0,
    }));
  }
  /** Moves the chunks `ids` on by `bytes`, as worker reports would. */
  advance(ids: number[], bytes: number): void {
    for (const id of ids) {
      const chunk = this.chunks[id]!;
      this.chunks[id] = {
        ...chunk,
        written: chunk.written + bytes,
        status: 'active',
        speedBps: 4 * MIB,
        attempts: 1,
      };
    }
  }
  sample(): void {}
  snapshot(): DownloadSnapshot {
    return {
      id: this.id,
      url: 'http://127.0.0.1/big.bin',
      directory: '/tmp',
      status: 'downloading',
      totalBytes: 10 * GIB,
      downloadedBytes: this.chunks.reduce((sum, c) => sum + c.written, 0),
      speedBps: 16 * MIB,
      etaSeconds: 600,
      connections: 4,
      chunks: this.chunks.map((c) => ({ ...c })),
      retries: [...this.retries],
      integrity: [],
      createdAt: 0,
    };
  }
  isMoving(): boolean {
    return true;
  }
}

function setUp() {
  const clock = new FakeClock();
  const batches: ProgressBatch[] = [];
  const sampler = new ProgressSampler(clock, (batch) => batches.push(batch));
  const download = new BigDownload('big', 10 * GIB, 4 * MIB);
  for (let i = 0; i < 200; i++) download.retries.push(retry(i % 7, i));
  return { clock, batches, sampler, download };
}

describe('progress deltas', () => {
  it('sends a 10 GiB download of 2,560 chunks and 200 retries as a few hundred bytes per batch', () => {
    const { batches, sampler, download } = setUp();
    const full = download.snapshot();
    sampler.sentInFull(full);
    download.advance([0, 1, 2, 3], 1 * MIB);
    download.retries.push(retry(2, 1000));
    sampler.markDirty(download);
    sampler.flush();
    const [delta] = batches[0]!.downloads;
    expect(delta!.changedChunks.map((c) => c.id)).toEqual([0, 1, 2, 3]);
    expect(delta!.newRetries).toEqual([retry(2, 1000)]);
    const fullBytes = JSON.stringify({ at: 0, downloads: [full] }).length;
    const deltaBytes = JSON.stringify(batches[0]).length;
    expect(full.chunks).toHaveLength(2560);
    expect(fullBytes).toBeGreaterThan(250_000);
    expect(deltaBytes).toBeLessThan(2_000);
  });

  it('sends everything the first time, then only chunks that changed and records appended', () => {
    const { batches, sampler, download } = setUp();
    sampler.markDirty(download);
    sampler.flush();
    expect(batches[0]!.downloads[0]!.changedChunks).toHaveLength(2560);
    expect(batches[0]!.downloads[0]!.newRetries).toHaveLength(200);
    download.advance([5], 100);
    sampler.markDirty(download);
    sampler.flush();
    expect(batches[1]!.downloads[0]).toMatchObject({ removedChunkIds: [], newRetries: [] });
    expect(batches[1]!.downloads[0]!.changedChunks.map((c) => c.id)).toEqual([5]);
  });

  it('names chunks that are gone when a new run plans the file again', () => {
    const { batches, sampler, download } = setUp();
    sampler.sentInFull(download.snapshot());
    download.chunks.splice(1);
    download.chunks[0] = { ...download.chunks[0]!, end: 10 * GIB - 1 };
    sampler.markDirty(download);
    sampler.flush();
    const [delta] = batches[0]!.downloads;
    expect(delta!.changedChunks.map((c) => c.id)).toEqual([0]);
    expect(delta!.removedChunkIds).toHaveLength(2559);
  });

  it('leaves a client that merges every batch holding exactly the engine snapshot', () => {
    const { clock, batches, sampler, download } = setUp();
    let kept = download.snapshot();
    sampler.sentInFull(kept);
    for (let step = 1; step <= 20; step++) {
      download.advance([step % 4, 4 + (step % 3)], 1000 * step);
      if (step % 5 === 0) {
        download.retries.push(retry(step, 10_000 + step));
        download.retries.shift();
      }
      if (step === 12) download.chunks.splice(2000);
      sampler.markDirty(download);
      clock.advance(250);
    }
    for (const batch of batches) for (const delta of batch.downloads) kept = applyProgress(kept, delta);
    expect(kept).toEqual(download.snapshot());
  });

  it('does not repeat retry records a client already got in a full snapshot', () => {
    const { sampler, download, batches } = setUp();
    sampler.sentInFull(download.snapshot());
    download.retries.push(retry(1, 5000));
    const listed = download.snapshot();
    sampler.markDirty(download);
    sampler.flush();
    const merged = applyProgress(listed, batches[0]!.downloads[0]!);
    expect(merged.retries.filter((r) => r.at === 5000)).toHaveLength(1);
    expect(merged.retries).toBe(listed.retries);
  });

  it('delivers a whole-file record once, beside a chunk record made at the same moment', () => {
    const { sampler, download, batches } = setUp();
    sampler.sentInFull(download.snapshot());
    const mismatch: RetryRecord = {
      kind: 'file',
      at: 5000,
      error: { code: 'INTEGRITY_MISMATCH', message: 'integrity mismatch', retryable: true },
    };
    download.retries.push(retry(0, 5000), mismatch);
    const listed = download.snapshot();
    sampler.markDirty(download);
    sampler.flush();
    const merged = applyProgress(listed, batches[0]!.downloads[0]!);
    expect(merged.retries.filter((r) => r.at === 5000)).toEqual([retry(0, 5000), mismatch]);
  });
});
