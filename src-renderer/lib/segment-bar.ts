// The segment bar: one continuous bar across the file instead of a box per chunk, so 40 or 2,560
// chunks never become slivers. Written bytes merge into runs; each connection is a marker at the byte
// it writes next. Pure: positions are byte offsets, the component turns them into percentages.
import type { ChunkSnapshot } from '../../src-shared/download-types';

export type SegmentKind = 'written' | 'retry-wait' | 'failed';

export interface Segment {
  kind: SegmentKind;
  /** Byte offsets, end exclusive. */
  start: number;
  end: number;
}

export interface Marker {
  kind: 'active' | 'retry-wait';
  chunkId: number;
  /** The next byte this connection writes. */
  at: number;
}

export interface SegmentBar {
  segments: Segment[];
  markers: Marker[];
  doneChunks: number;
  failedChunks: number;
}

function push(segments: Segment[], next: Segment): void {
  if (next.end <= next.start) return;
  const last = segments[segments.length - 1];
  if (last !== undefined && last.kind === next.kind && last.end === next.start) last.end = next.end;
  else segments.push(next);
}

export function segmentBar(chunks: readonly ChunkSnapshot[]): SegmentBar {
  const sorted = [...chunks].sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  const markers: Marker[] = [];
  let doneChunks = 0;
  let failedChunks = 0;
  for (const chunk of sorted) {
    const end = chunk.end + 1;
    const writtenEnd = Math.min(end, chunk.start + chunk.written);
    push(segments, { kind: 'written', start: chunk.start, end: writtenEnd });
    if (chunk.status === 'done') doneChunks += 1;
    if (chunk.status === 'failed') {
      failedChunks += 1;
      push(segments, { kind: 'failed', start: writtenEnd, end });
    } else if (chunk.status === 'retry-wait') {
      push(segments, { kind: 'retry-wait', start: writtenEnd, end });
      markers.push({ kind: 'retry-wait', chunkId: chunk.id, at: writtenEnd });
    } else if (chunk.status === 'active') {
      markers.push({ kind: 'active', chunkId: chunk.id, at: writtenEnd });
    }
  }
  return { segments, markers, doneChunks, failedChunks };
}
