// The sole owner of a download's chunk boundaries and chunk states. Pure bookkeeping: the job asks
// it what to do next and tells it what happened; it never performs I/O or reads a clock.
import type { ChunkSnapshot, ErrorInfo } from '../../../src-shared/download-types';
import { MIN_PROGRESS_BYTES } from '../fetch/retry-policy';
import { chooseSplit, type ByteRange } from './chunk-planner';
import { newChunk, snapshotOf, type ChunkState, type PersistedChunk } from './chunk-state';
import { RetryBudget } from './retry-budget';

export type { ChunkState, PersistedChunk } from './chunk-state';

export type Work =
  | { kind: 'start'; chunk: ChunkState }
  | { kind: 'split'; victim: ChunkState; newEnd: number; stolen: ByteRange }
  | { kind: 'none' };

/**
 * Taking over a tail is worth it for smaller pieces than a first plan would use: on a slow
 * connection even a quarter MiB can be the last second of a download.
 */
export const TAIL_STEAL_MIN_BYTES = 256 * 1024;

/**
 * How long a new attempt gets to show its speed (workers report every 100 ms) before its silence
 * counts as slowness. Splitting it sooner guesses blindly: its request may already be streaming the
 * whole range, and then the server sends the stolen tail twice. An attempt on a connection whose
 * speed is known from its last chunk is no guess: at the end of a download, waiting for the meter
 * left free connections idle for a rebalance tick while the last chunks ran alone.
 */
export const MEASURE_GRACE_MS = 1_000;

/**
 * A new attempt is split on its connection's last speed only if it would run at least this long:
 * its meter needs two worker reports (~0.2 s) to measure it, a shorter one is about over by then,
 * and splitting it costs the bytes already in flight (uncapped, several MB).
 */
export const BLIND_SPLIT_MIN_SECONDS = 0.2;

/**
 * A connection this much slower than the typical one takes the last pending chunk, not the first:
 * the in-order hash waits at a chunk for as long as it runs, and the fast connections race past it.
 * In the middle of the file, a 1 MB/s connection among 8 MB/s ones left ~100 MB to hash after its
 * last byte (about 0.1 s the user waited); at the file's end it holds back only its own chunk.
 */
const SLOW_CONNECTION_FRACTION = 0.5;

/** A connection with no history yet is assumed typical, not fastest: it must not take half blindly. */
function medianSpeed(speeds: number[]): number {
  const known = speeds.filter((s) => s > 0).sort((a, b) => a - b);
  return known.length === 0 ? 0 : known[Math.floor(known.length / 2)]!;
}

export class ChunkScheduler {
  private readonly chunks: ChunkState[] = [];
  private readonly connectionSpeeds = new Map<number, number>();
  private nextId = 0;
  readonly budget: RetryBudget;

  constructor(
    ranges: readonly PersistedChunk[],
    private readonly minSplitBytes: number,
    maxRetries: number,
  ) {
    this.budget = new RetryBudget(maxRetries);
    for (const range of ranges) this.add(range.start, range.end, range.start + range.written, range.crc);
  }

  all(): readonly ChunkState[] {
    return this.chunks;
  }

  get(id: number): ChunkState | undefined {
    return this.chunks.find((chunk) => chunk.id === id);
  }

  /** Gives a free connection a pending chunk, or proposes taking over part of a straggler. */
  nextWork(connection: number, now: number, allowSplit: boolean): Work {
    const pending = this.pendingFor(connection);
    if (pending) {
      this.assign(pending, connection, now);
      return { kind: 'start', chunk: pending };
    }
    if (!allowSplit) return { kind: 'none' };
    const views = this.chunks
      .filter((chunk) => chunk.status === 'active' && !chunk.pendingSplit)
      .map((chunk) => ({ chunk, speedBps: this.expectedSpeed(chunk, now) }))
      .filter(({ chunk, speedBps }) => speedBps > 0 || now - (chunk.activeSince ?? now) >= MEASURE_GRACE_MS)
      .map(({ chunk, speedBps }) => ({ id: chunk.id, position: chunk.position, end: chunk.end, speedBps }));
    const thiefSpeed = this.connectionSpeeds.get(connection) ?? medianSpeed(views.map((v) => v.speedBps));
    const decision = chooseSplit(views, thiefSpeed, Math.min(this.minSplitBytes, TAIL_STEAL_MIN_BYTES));
    if (!decision) return { kind: 'none' };
    const victim = this.get(decision.victimId)!;
    victim.pendingSplit = decision.stolen;
    return { kind: 'split', victim, newEnd: decision.newVictimEnd, stolen: decision.stolen };
  }

  private pendingFor(connection: number): ChunkState | undefined {
    const own = this.connectionSpeeds.get(connection) ?? 0;
    const typical = medianSpeed([...this.connectionSpeeds.values()]);
    const slow = own > 0 && own < typical * SLOW_CONNECTION_FRACTION;
    return slow
      ? this.chunks.findLast((chunk) => chunk.status === 'pending')
      : this.chunks.find((chunk) => chunk.status === 'pending');
  }

  /**
   * The chunk's measured speed; before its first reports, the speed its connection had on its last
   * chunk, when at that speed the chunk runs long enough to be worth splitting blindly.
   */
  private expectedSpeed(chunk: ChunkState, now: number): number {
    const measured = chunk.meter.bytesPerSecond(now);
    if (measured > 0 || chunk.connection === undefined) return measured;
    const last = this.connectionSpeeds.get(chunk.connection) ?? 0;
    const remaining = chunk.end - chunk.position + 1;
    return last > 0 && remaining / last >= BLIND_SPLIT_MIN_SECONDS ? last : 0;
  }

  /** The worker confirmed (or refused) a shrink; on success the stolen tail becomes a new chunk. */
  resolveSplit(victimId: number, accepted: boolean, stolen: ByteRange): ChunkState | undefined {
    const victim = this.get(victimId);
    // An answer about a split this chunk no longer waits for (its attempt ended since) changes nothing.
    const pending = victim?.pendingSplit;
    if (!victim || pending?.start !== stolen.start || pending.end !== stolen.end) return undefined;
    victim.pendingSplit = undefined;
    if (!accepted || victim.status !== 'active') return undefined;
    victim.end = stolen.start - 1;
    const chunk = this.add(stolen.start, stolen.end, stolen.start, 0);
    // A split is not a fresh start: the tail keeps the failures its chunk had without progress.
    if (!this.attemptProgressed(victim)) chunk.consecutiveFailures = victim.consecutiveFailures;
    this.chunks.sort((a, b) => a.start - b.start);
    return chunk;
  }

  assign(chunk: ChunkState, connection: number, now: number): void {
    chunk.status = 'active';
    chunk.connection = connection;
    chunk.activeSince = now;
    chunk.nextAttemptAt = undefined;
    chunk.attempts += 1;
    chunk.reachedAtAttempt = chunk.reached;
  }

  progress(id: number, position: number, crc: number, now: number): void {
    const chunk = this.get(id);
    // A worker never writes past its end; a report that says otherwise is not believed.
    if (!chunk || position < chunk.position || position > chunk.end + 1) return;
    if (position > chunk.reached) {
      chunk.reached = position;
      chunk.lastError = undefined;
      if (this.attemptProgressed(chunk)) this.budget.progressed();
    }
    chunk.position = position;
    chunk.crc = crc;
    chunk.meter.record(now, position - chunk.start);
  }

  complete(id: number, position: number, crc: number, now: number): void {
    const chunk = this.get(id)!;
    this.progress(id, position, crc, now);
    if (chunk.connection !== undefined) {
      this.connectionSpeeds.set(chunk.connection, chunk.meter.bytesPerSecond(now));
    }
    if (!Number.isFinite(chunk.end)) chunk.end = chunk.position - 1;
    chunk.status = 'done';
    chunk.pendingSplit = undefined;
    chunk.connection = undefined;
    chunk.consecutiveFailures = 0;
  }

  /**
   * Records a failed attempt; returns whether the chunk will be retried. The retry budget starts
   * again once new bytes flowed, so a long download over a flaky link (or a server that cuts every
   * response short) is not failed for old errors. Splits share the download's budget.
   */
  fail(id: number, position: number, crc: number, error: ErrorInfo, now: number, delayMs: number): boolean {
    const chunk = this.get(id)!;
    if (position >= 0) this.progress(id, position, crc, now);
    const progressed = this.attemptProgressed(chunk);
    chunk.consecutiveFailures = progressed ? 1 : chunk.consecutiveFailures + 1;
    chunk.connection = undefined;
    chunk.pendingSplit = undefined;
    chunk.lastError = error;
    chunk.meter.reset();
    const allowed = this.budget.allowsRetry(error.code, progressed, chunk.consecutiveFailures);
    if (!error.retryable || !allowed) {
      chunk.status = 'failed';
      return false;
    }
    chunk.status = 'retry-wait';
    chunk.nextAttemptAt = now + delayMs;
    return true;
  }

  /**
   * Puts a refused attempt back to wait `delayMs` (a server's Retry-After, or none) without
   * spending the retry budget: the server refused one connection too many, not this chunk.
   */
  defer(id: number, position: number, crc: number, error: ErrorInfo, now: number, delayMs: number): void {
    const chunk = this.get(id)!;
    if (position >= 0) this.progress(id, position, crc, now);
    chunk.connection = undefined;
    chunk.pendingSplit = undefined;
    chunk.lastError = error;
    chunk.meter.reset();
    chunk.status = 'retry-wait';
    chunk.nextAttemptAt = now + delayMs;
  }

  private attemptProgressed(chunk: ChunkState): boolean {
    return (
      chunk.reached - chunk.reachedAtAttempt >= Math.min(MIN_PROGRESS_BYTES, chunk.end - chunk.start + 1)
    );
  }

  /** Stops an active chunk without counting a failed attempt (pause, reassignment). */
  release(id: number, position: number, crc: number, now: number): void {
    const chunk = this.get(id);
    if (!chunk) return;
    if (position >= 0) this.progress(id, position, crc, now);
    chunk.connection = undefined;
    chunk.pendingSplit = undefined;
    chunk.meter.reset();
    if (chunk.status !== 'done') {
      chunk.status = 'pending';
      chunk.attempts = Math.max(0, chunk.attempts - 1);
    }
  }

  /**
   * The server's ranges cannot be trusted and the chunk at byte 0 streams on: it becomes the whole
   * file up to `end`, and every other chunk is dropped (their bytes are written again by that stream).
   */
  collapseInto(id: number, end: number): void {
    const kept = this.get(id);
    if (!kept || kept.start !== 0) return;
    kept.end = end;
    kept.pendingSplit = undefined;
    this.chunks.splice(0, this.chunks.length, kept);
  }

  /** Without ranges a failed stream can only start over from the first byte. */
  restartFromZero(id: number): void {
    const chunk = this.get(id);
    if (!chunk) return;
    chunk.position = chunk.start;
    chunk.crc = 0;
  }

  /** Moves chunks whose backoff elapsed back to pending; returns the next wake-up time, if any. */
  wake(now: number): number | undefined {
    let next: number | undefined;
    for (const chunk of this.chunks) {
      if (chunk.status !== 'retry-wait') continue;
      if ((chunk.nextAttemptAt ?? 0) <= now) chunk.status = 'pending';
      else next = Math.min(next ?? Infinity, chunk.nextAttemptAt!);
    }
    return next;
  }

  isComplete(): boolean {
    return this.chunks.every((chunk) => chunk.status === 'done');
  }

  firstFailure(): ChunkState | undefined {
    return this.chunks.find((chunk) => chunk.status === 'failed');
  }

  downloadedBytes(): number {
    return this.chunks.reduce((sum, chunk) => sum + (chunk.position - chunk.start), 0);
  }

  /** Length of the prefix [0, watermark) that is completely on disk. */
  watermark(): number {
    let mark = 0;
    for (const chunk of this.chunks) {
      if (chunk.start !== mark) break;
      mark = chunk.position;
      if (chunk.position <= chunk.end) break;
    }
    return mark;
  }

  persisted(): PersistedChunk[] {
    return this.chunks.map((c) => ({
      start: c.start,
      end: c.end,
      written: c.position - c.start,
      crc: c.crc,
    }));
  }

  snapshot(now: number): ChunkSnapshot[] {
    return this.chunks.map((chunk) => snapshotOf(chunk, now));
  }

  private add(start: number, end: number, position: number, crc: number): ChunkState {
    const chunk = newChunk(this.nextId++, { start, end, written: position - start, crc });
    this.chunks.push(chunk);
    return chunk;
  }
}
