// How much of a chunk one request asks for. A chunk is fetched in request windows of about
// WINDOW_SECONDS of this connection's speed on its keep-alive socket: when the scheduler hands the
// tail of the chunk to another connection, the cut usually falls beyond the current window, so this
// connection finishes its window cleanly instead of dropping its socket mid-response (a new
// connection costs a handshake, or worse, a slow socket).
const WINDOW_SECONDS = 0.5;
const MIN_WINDOW_BYTES = 256 * 1024;
const MAX_WINDOW_BYTES = 8 * 1024 * 1024;
export const FIRST_WINDOW_BYTES = 1024 * 1024;

/** The next window after one that brought `bytes` in `elapsedMs`. */
export function nextWindowBytes(bytes: number, elapsedMs: number): number {
  const speed = elapsedMs > 0 ? (bytes * 1000) / elapsedMs : Infinity;
  return Math.round(Math.min(MAX_WINDOW_BYTES, Math.max(MIN_WINDOW_BYTES, speed * WINDOW_SECONDS)));
}
