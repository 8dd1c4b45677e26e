// A row per chunk: range, bytes, speed, state, attempts, last error, next attempt. Only the rows in
// view are rendered, so a 2,560-chunk download costs what a small one does.
import { memo, useState } from 'react';
import type { ChunkSnapshot } from '../../src-shared/download-types';
import { describeError } from '../lib/error-text';
import { formatBytes, formatRange, formatSpeed, formatTime } from '../lib/format';
import { rowWindow } from '../lib/row-window';
import '../styles/chunk-table.css';

const STATE_LABEL: Record<ChunkSnapshot['status'], string> = {
  pending: 'Pending',
  active: 'Active',
  'retry-wait': 'Waiting to retry',
  done: 'Done',
  failed: 'Failed',
};

/** Must match `.chunk-table td` height in details.css. */
const CHUNK_ROW_HEIGHT_PX = 26;
/** Must match `.chunk-table-scroll` max-height in details.css. */
const VIEWPORT_HEIGHT_PX = 260;

/** Chunks a batch did not change keep their identity (applyProgress), so their rows skip rendering. */
const ChunkRow = memo(function ChunkRow({ chunk }: { chunk: ChunkSnapshot }) {
  const error = chunk.lastError ? describeError(chunk.lastError) : null;
  return (
    <tr className={`chunk-row chunk-${chunk.status}`} data-chunk-id={chunk.id}>
      <td className="num">{chunk.id}</td>
      <td className="mono">{formatRange(chunk.start, chunk.end)}</td>
      <td className="num">
        {formatBytes(chunk.written)} / {formatBytes(chunk.end - chunk.start + 1)}
      </td>
      <td className="num">{chunk.status === 'active' ? formatSpeed(chunk.speedBps) : '—'}</td>
      <td>
        <span className={`chunk-state chunk-${chunk.status}`}>{STATE_LABEL[chunk.status]}</span>
      </td>
      <td className="num chunk-attempts">{chunk.attempts}</td>
      <td className="chunk-error" title={error?.detail}>
        {error?.headline ?? '—'}
      </td>
      <td>{chunk.nextAttemptAt === undefined ? '—' : formatTime(chunk.nextAttemptAt)}</td>
    </tr>
  );
});

export function ChunkTable({ chunks }: { chunks: readonly ChunkSnapshot[] }) {
  const [scrollTop, setScrollTop] = useState(0);
  if (chunks.length === 0) return null;
  // The table is never taller than its max-height; a shorter one just renders a few rows to spare.
  const view = rowWindow(scrollTop, VIEWPORT_HEIGHT_PX, CHUNK_ROW_HEIGHT_PX, chunks.length);
  return (
    <div className="chunk-table-scroll" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <table className="detail-table chunk-table" aria-label="Chunks" aria-rowcount={chunks.length + 1}>
        <colgroup>
          <col className="col-id" />
          <col className="col-range" />
          <col className="col-written" />
          <col className="col-speed" />
          <col className="col-state" />
          <col className="col-attempts" />
          <col />
          <col className="col-next" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Range (bytes)</th>
            <th scope="col" className="num">
              Written
            </th>
            <th scope="col" className="num">
              Speed
            </th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col">Last error</th>
            <th scope="col">Next attempt</th>
          </tr>
        </thead>
        <tbody>
          {view.padTop > 0 && <tr aria-hidden="true" style={{ height: view.padTop }} />}
          {chunks.slice(view.first, view.end).map((chunk) => (
            <ChunkRow key={chunk.id} chunk={chunk} />
          ))}
          {view.padBottom > 0 && <tr aria-hidden="true" style={{ height: view.padBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
