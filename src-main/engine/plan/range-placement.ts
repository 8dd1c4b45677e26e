// Where the body of a 206 goes when its Content-Range is not exactly the range asked for. RFC 9110
// places a partial response by its Content-Range, so an honest superset, or a range shifted back but
// still covering the first byte asked for, is usable data: the bytes before that byte are read and
// dropped, and nothing past the asked end is written. Pure arithmetic; the worker applies it.
import type { ByteRange } from './chunk-planner';

export interface Placement {
  /** Body bytes before the first asked byte: read from the socket and dropped. */
  skipBytes: number;
  /** Inclusive last file offset the body is written up to: never past the asked end. */
  end: number;
}

/**
 * Places a body covering `sent` (inclusive, from its Content-Range) into the asked range; undefined
 * when it does not contain the first asked byte. Skipping more than the asked length would make
 * every request pay for the bytes before it, so such an answer is not placed either: a server that
 * does that is better read as one stream.
 */
export function placeRange(asked: ByteRange, sent: ByteRange): Placement | undefined {
  if (sent.start > asked.start || sent.end < asked.start) return undefined;
  const skipBytes = asked.start - sent.start;
  if (skipBytes > asked.end - asked.start + 1) return undefined;
  return { skipBytes, end: Math.min(sent.end, asked.end) };
}
