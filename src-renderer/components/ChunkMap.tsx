// The segment bar IDM users know: one bar across the file, filled where bytes are written, with a
// marker at each connection's position, and a legend saying what each mark means.
import type { ChunkSnapshot } from '../../src-shared/download-types';
import { formatBytes } from '../lib/format';
import { segmentBar } from '../lib/segment-bar';
import '../styles/segment-bar.css';

interface ChunkMapProps {
  chunks: readonly ChunkSnapshot[];
  totalBytes: number | undefined;
}

function percent(bytes: number, total: number): string {
  return `${Number(((bytes / total) * 100).toFixed(3))}%`;
}

export function ChunkMap({ chunks, totalBytes }: ChunkMapProps) {
  const finite = chunks.filter((chunk) => Number.isFinite(chunk.end));
  const total = totalBytes ?? finite.reduce((max, chunk) => Math.max(max, chunk.end + 1), 0);
  if (finite.length === 0 || total <= 0) {
    return (
      <div className="chunk-map chunk-map-empty">The chunk plan appears once the server has answered.</div>
    );
  }
  const bar = segmentBar(finite);
  const active = bar.markers.filter((marker) => marker.kind === 'active').length;
  const waiting = bar.markers.length - active;
  const label =
    `${bar.doneChunks} of ${chunks.length} chunks done across ${formatBytes(total)}, ` +
    `${active} connection${active === 1 ? '' : 's'} downloading` +
    (waiting > 0 ? `, ${waiting} waiting to retry` : '') +
    (bar.failedChunks > 0 ? `, ${bar.failedChunks} failed` : '');
  return (
    <figure className="segment-figure">
      <div className="chunk-map" role="img" aria-label={label}>
        {bar.segments.map((segment) => (
          <div
            key={`${segment.kind}-${segment.start}`}
            className={`segment segment-${segment.kind}`}
            style={{
              left: percent(segment.start, total),
              width: percent(segment.end - segment.start, total),
            }}
          />
        ))}
        {bar.markers.map((marker) => (
          <div
            key={marker.chunkId}
            className={`segment-marker marker-${marker.kind}`}
            data-chunk-id={marker.chunkId}
            title={`Chunk ${marker.chunkId}: ${marker.kind === 'active' ? 'downloading' : 'waiting to retry'} at ${formatBytes(marker.at)}`}
            style={{ left: percent(marker.at, total) }}
          />
        ))}
      </div>
      <figcaption className="segment-legend">
        <span className="legend-item">
          <i className="legend-swatch swatch-written" aria-hidden="true" />
          Downloaded
        </span>
        <span className="legend-item">
          <i className="legend-swatch swatch-active" aria-hidden="true" />
          Connection downloading
        </span>
        <span className="legend-item">
          <i className="legend-swatch swatch-retry-wait" aria-hidden="true" />
          Waiting to retry
        </span>
        {bar.failedChunks > 0 && (
          <span className="legend-item">
            <i className="legend-swatch swatch-failed" aria-hidden="true" />
            Failed
          </span>
        )}
        <span className="legend-item">
          <i className="legend-swatch swatch-pending" aria-hidden="true" />
          Not yet downloaded
        </span>
        <span className="legend-count">
          {bar.doneChunks}/{chunks.length} chunks done
        </span>
      </figcaption>
    </figure>
  );
}
