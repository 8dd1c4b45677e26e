// Drops the first bytes of a body before they reach the writer: a 206 placed by its Content-Range
// may start before the range asked for, and those bytes belong to no one here.
import type { BodySink, SinkVerdict } from './http1-exchange';

export function skipPrefix(skipBytes: number, target: BodySink): BodySink {
  let remaining = skipBytes;
  return {
    write(buf: Buffer, start: number, end: number): SinkVerdict {
      const dropped = Math.min(remaining, end - start);
      remaining -= dropped;
      return start + dropped === end ? 'more' : target.write(buf, start + dropped, end);
    },
    drained: () => target.drained(),
    readTarget: (maxBytes) => (remaining === 0 ? target.readTarget?.(maxBytes) : undefined),
  };
}
