// How much of a chunk one request asks for. A chunk is fetched in request windows of about
// WINDOW_SECONDS of this connection's speed on its keep-alive socket: when the scheduler hands the
// tail of the chunk to another connection, the cut usually falls beyond the current window, so this
// connection finishes its window cleanly instead of dropping its socket mid-response (a new
// connection costs a handshake, or worse, a slow socket).
const WINDOW_SECONDS = 0.5;
const MIN_WINDOW_BYTES = 256 * 1024;
const MAX_WINDOW_BYTES = 8 * 1024 * 1024;
export const FIRST_WINDOW_BYTES = 1024 * 1024;
/**
 * A window that would leave at most this share of a window for one more request takes the rest
 * of the chunk: at 8 MB/s a 4 MiB chunk is just over one half-second window, and its last 0.2 MB
 * cost a request of their own, a round trip each chunk on a real link.
 */
const MERGED_TAIL_FRACTION = 0.25;

/** The next window after one that brought `bytes` in `elapsedMs`. */
export function nextWindowBytes(bytes: number, elapsedMs: number): number {
  const speed = elapsedMs > 0 ? (bytes * 1000) / elapsedMs : Infinity;
  return Math.round(Math.min(MAX_WINDOW_BYTES, Math.max(MIN_WINDOW_BYTES, speed * WINDOW_SECONDS)));
}

/** The last byte the request starting at `position` asks for, of a chunk ending at `chunkEnd`. */
export function windowEndFor(position: number, chunkEnd: number, windowBytes: number): number {
  const end = position + windowBytes - 1;
  return chunkEnd - end <= windowBytes * MERGED_TAIL_FRACTION ? chunkEnd : end;
}
