// A row per chunk: range, bytes, speed, state, attempts, last error, next attempt.
import type { ChunkSnapshot } from '../../src-shared/download-types';
import { formatBytes, formatRange, formatSpeed, formatTime } from '../lib/format';

const STATE_LABEL: Record<ChunkSnapshot['status'], string> = {
  pending: 'Pending',
  active: 'Active',
  'retry-wait': 'Waiting to retry',
  done: 'Done',
  failed: 'Failed',
};

export function ChunkTable({ chunks }: { chunks: readonly ChunkSnapshot[] }) {
  if (chunks.length === 0) return null;
  return (
    <table className="detail-table chunk-table" aria-label="Chunks">
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
        {chunks.map((chunk) => (
          <tr key={chunk.id} className={`chunk-row chunk-${chunk.status}`} data-chunk-id={chunk.id}>
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
            <td className="chunk-error" title={chunk.lastError?.message}>
              {chunk.lastError ? `${chunk.lastError.code}: ${chunk.lastError.message}` : '—'}
            </td>
            <td>{chunk.nextAttemptAt === undefined ? '—' : formatTime(chunk.nextAttemptAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
