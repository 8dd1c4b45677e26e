// Pure chunk maths: the initial plan and the choice of which active chunk a free connection relieves.
// The scheduler owns the resulting boundaries; nothing here does I/O or keeps state.

export interface ByteRange {
  start: number;
  end: number; // inclusive
}

export interface PlanOptions {
  connections: number;
  /** 0 = auto: one chunk per connection, none smaller than `minSplitBytes` nor larger than AUTO_MAX_CHUNK_BYTES. */
  chunkSizeBytes: number;
  minSplitBytes: number;
}

/**
 * Automatic chunks stay small enough that, handed out lowest offset first (a connection far slower
 * than the rest takes the last, see ChunkScheduler), the file fills up roughly in order: the
 * in-order hasher then trails the download by about one chunk per connection instead of facing
 * most of the file after the last byte arrives.
 */
export const AUTO_MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/** Splits `[0, totalBytes - 1]` into contiguous chunks. */
export function planChunks(totalBytes: number, options: PlanOptions): ByteRange[] {
  if (!Number.isSafeInteger(totalBytes) || totalBytes < 0) {
    throw new RangeError(`Invalid total size: ${totalBytes}`);
  }
  if (totalBytes === 0) return [];
  if (options.chunkSizeBytes > 0) return planFixedSize(totalBytes, Math.floor(options.chunkSizeBytes));

  const connections = Math.max(1, Math.floor(options.connections));
  const minSplitBytes = Math.max(1, Math.floor(options.minSplitBytes));
  // Sizes differ by at most one byte, so no chunk falls below the minimum and no tail chunk is tiny.
  const perConnection = Math.max(1, Math.min(connections, Math.floor(totalBytes / minSplitBytes)));
  const count = Math.max(perConnection, Math.ceil(totalBytes / AUTO_MAX_CHUNK_BYTES));
  return planEvenly(totalBytes, count);
}

function planFixedSize(totalBytes: number, chunkSizeBytes: number): ByteRange[] {
  const chunks: ByteRange[] = [];
  for (let start = 0; start < totalBytes; start += chunkSizeBytes) {
    chunks.push({ start, end: Math.min(start + chunkSizeBytes, totalBytes) - 1 });
  }
  return chunks;
}

function planEvenly(totalBytes: number, count: number): ByteRange[] {
  const baseSize = Math.floor(totalBytes / count);
  const longerChunks = totalBytes % count;
  const chunks: ByteRange[] = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    const size = baseSize + (index < longerChunks ? 1 : 0);
    chunks.push({ start, end: start + size - 1 });
    start += size;
  }
  return chunks;
}

export interface ActiveChunkView {
  id: number;
  /** Next byte to write. */
  position: number;
  end: number;
  speedBps: number;
}

export interface SplitDecision {
  victimId: number;
  newVictimEnd: number;
  stolen: ByteRange;
}

const MIN_STOLEN_FRACTION = 0.5;
const MAX_STOLEN_FRACTION = 0.95;

function isKnownSpeed(speedBps: number): boolean {
  return Number.isFinite(speedBps) && speedBps > 0;
}

function secondsToFinish(chunk: ActiveChunkView): number {
  const remaining = chunk.end - chunk.position + 1;
  return isKnownSpeed(chunk.speedBps) ? remaining / chunk.speedBps : Infinity;
}

/**
 * Picks the active chunk expected to finish last and hands the tail of its remaining range to a free
 * connection. Returns undefined when no split would make the download finish sooner.
 */
export function chooseSplit(
  active: readonly ActiveChunkView[],
  thiefSpeedBps: number,
  minSplitBytes: number,
): SplitDecision | undefined {
  const byFinishLast = active
    .filter((chunk) => chunk.end - chunk.position >= 1)
    .map((chunk) => ({ chunk, seconds: secondsToFinish(chunk), remaining: chunk.end - chunk.position + 1 }))
    .sort((a, b) => {
      if (a.seconds !== b.seconds) return a.seconds > b.seconds ? -1 : 1; // Infinity-safe
      if (a.remaining !== b.remaining) return b.remaining - a.remaining;
      return a.chunk.id - b.chunk.id;
    });

  // The last finisher may be too small to split; the next ones still benefit from a free connection.
  for (const { chunk } of byFinishLast) {
    const decision = splitChunk(chunk, thiefSpeedBps, minSplitBytes);
    if (decision) return decision;
  }
  return undefined;
}

function splitChunk(
  victim: ActiveChunkView,
  thiefSpeedBps: number,
  minSplitBytes: number,
): SplitDecision | undefined {
  const remaining = victim.end - victim.position + 1;
  const speedsKnown = isKnownSpeed(thiefSpeedBps) && isKnownSpeed(victim.speedBps);
  const fraction = speedsKnown
    ? Math.min(
        MAX_STOLEN_FRACTION,
        Math.max(MIN_STOLEN_FRACTION, thiefSpeedBps / (thiefSpeedBps + victim.speedBps)),
      )
    : MIN_STOLEN_FRACTION;
  // The victim always keeps at least the byte at its position.
  const stolenBytes = Math.min(remaining - 1, Math.floor(remaining * fraction));
  if (stolenBytes < 1 || stolenBytes < minSplitBytes) return undefined;
  // A slow thief must not become the new straggler.
  if (speedsKnown && stolenBytes / thiefSpeedBps >= remaining / victim.speedBps) return undefined;

  const newVictimEnd = victim.end - stolenBytes;
  return { victimId: victim.id, newVictimEnd, stolen: { start: newVictimEnd + 1, end: victim.end } };
}
