// Every failed attempt, newest first, with what happened and when the next attempt starts.
import type { RetryRecord } from '../../src-shared/download-types';
import { formatTime } from '../lib/format';

export function RetryLog({ retries }: { retries: readonly RetryRecord[] }) {
  if (retries.length === 0) return <p className="muted">No retries: every attempt so far has succeeded.</p>;
  const newestFirst = [...retries].reverse();
  return (
    <ol className="retry-log" aria-label="Retry log">
      {newestFirst.map((record, i) => (
        <li key={`${record.chunkId}-${record.attempt}-${record.at}-${i}`}>
          <time className="mono">{formatTime(record.at)}</time>
          <span>
            Chunk {record.chunkId}, attempt {record.attempt}
          </span>
          <span className="error-code">{record.error.code}</span>
          {record.error.status !== undefined && <span className="mono">HTTP {record.error.status}</span>}
          <span className="retry-message">{record.error.message}</span>
          <span className="muted">
            {record.nextAttemptAt === undefined
              ? 'not retried'
              : `next at ${formatTime(record.nextAttemptAt)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
