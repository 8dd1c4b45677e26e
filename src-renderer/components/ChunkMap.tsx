// Every chunk drawn across the file: its span is proportional to its byte range, and the filled
// part of the span is what has been written.
import type { ChunkSnapshot } from '../../src-shared/download-types';
import { formatBytes } from '../lib/format';

interface ChunkMapProps {
  chunks: readonly ChunkSnapshot[];
  totalBytes: number | undefined;
}

export function ChunkMap({ chunks, totalBytes }: ChunkMapProps) {
  const total = totalBytes ?? chunks.reduce((max, chunk) => Math.max(max, chunk.end + 1), 0);
  if (chunks.length === 0 || total <= 0) {
    return (
      <div className="chunk-map chunk-map-empty">The chunk plan appears once the server has answered.</div>
    );
  }
  return (
    <div className="chunk-map" role="img" aria-label={`${chunks.length} chunks across ${formatBytes(total)}`}>
      {chunks.map((chunk) => {
        const length = chunk.end - chunk.start + 1;
        const written = Math.min(1, chunk.written / length);
        return (
          <div
            key={chunk.id}
            className={`chunk-span chunk-${chunk.status}`}
            data-chunk-id={chunk.id}
            title={`Chunk ${chunk.id}: ${formatBytes(chunk.written)} of ${formatBytes(length)} (${chunk.status})`}
            style={{ left: `${(chunk.start / total) * 100}%`, width: `${(length / total) * 100}%` }}
          >
            <div className="chunk-fill" style={{ transform: `scaleX(${written})` }} />
          </div>
        );
      })}
    </div>
  );
}
