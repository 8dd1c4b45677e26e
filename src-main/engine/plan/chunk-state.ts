// What the scheduler knows about one chunk, how a chunk begins (fresh or from the journal), and how
// it is shown and persisted. The scheduler alone changes these records.
import type { ChunkSnapshot, ChunkStatus, ErrorInfo } from '../../../src-shared/download-types';
import { SpeedMeter } from '../progress/speed-meter';
import type { ByteRange } from './chunk-planner';

export interface ChunkState {
  id: number;
  start: number;
  /** Inclusive; Infinity while the length is unknown. */
  end: number;
  /** Next offset to write: [start, position) is on disk. */
  position: number;
  crc: number;
  status: ChunkStatus;
  /** Requests made for this chunk so far (shown to the user). */
  attempts: number;
  /** Failed attempts since bytes last flowed: the retry budget and the backoff step. */
  consecutiveFailures: number;
  /** The furthest offset ever on disk: a stream restarted from 0 progresses only past it. */
  reached: number;
  /** `reached` when the current attempt began: the attempt progressed if it moved it. */
  reachedAtAttempt: number;
  connection?: number;
  /** The tail a free connection asked to take over, until the worker answers the shrink. */
  pendingSplit?: ByteRange;
  lastError?: ErrorInfo;
  nextAttemptAt?: number;
  /** When the current attempt was handed to a connection. */
  activeSince?: number;
  meter: SpeedMeter;
}

export interface PersistedChunk {
  start: number;
  end: number;
  written: number;
  crc: number;
}

/** A chunk as planned or as the journal recorded it: `written` bytes from its start are on disk. */
export function newChunk(id: number, range: PersistedChunk): ChunkState {
  const position = range.start + range.written;
  return {
    id,
    start: range.start,
    end: range.end,
    position,
    crc: range.crc,
    status: position > range.end ? 'done' : 'pending',
    attempts: 0,
    consecutiveFailures: 0,
    reached: position,
    reachedAtAttempt: position,
    meter: new SpeedMeter(),
  };
}

export function snapshotOf(chunk: ChunkState, now: number): ChunkSnapshot {
  const snap: ChunkSnapshot = {
    id: chunk.id,
    start: chunk.start,
    end: Number.isFinite(chunk.end) ? chunk.end : -1,
    written: chunk.position - chunk.start,
    status: chunk.status,
    speedBps: chunk.status === 'active' ? chunk.meter.bytesPerSecond(now) : 0,
    attempts: chunk.attempts,
  };
  if (chunk.lastError) snap.lastError = chunk.lastError;
  if (chunk.nextAttemptAt !== undefined) snap.nextAttemptAt = chunk.nextAttemptAt;
  return snap;
}
