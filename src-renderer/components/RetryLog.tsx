// Every failed attempt, newest first, in words, with when the next attempt starts. Failures of the
// whole file (a checksum mismatch) are named as such, not as an attempt of chunk 0.
import type { RetryRecord } from '../../src-shared/download-types';
import { isWholeFileRecord } from '../lib/details-facts';
import { describeError } from '../lib/error-text';
import { formatTime } from '../lib/format';

interface RetryLogProps {
  retries: readonly RetryRecord[];
  /** What to say when there are none. */
  emptyText: string;
  url: string;
}

function subject(record: RetryRecord): string {
  return isWholeFileRecord(record) ? 'Whole file' : `Chunk ${record.chunkId}, attempt ${record.attempt}`;
}

function next(record: RetryRecord): string {
  if (isWholeFileRecord(record)) return 'downloaded again';
  return record.nextAttemptAt === undefined ? 'not retried' : `next at ${formatTime(record.nextAttemptAt)}`;
}

export function RetryLog({ retries, emptyText, url }: RetryLogProps) {
  if (retries.length === 0) return <p className="muted">{emptyText}</p>;
  const newestFirst = [...retries].reverse();
  return (
    <ol className="retry-log" aria-label="Retry log">
      {newestFirst.map((record, i) => {
        const text = describeError(record.error, { url });
        return (
          <li
            key={`${record.chunkId}-${record.attempt}-${record.at}-${i}`}
            className={isWholeFileRecord(record) ? 'retry-whole-file' : undefined}
          >
            <time className="mono">{formatTime(record.at)}</time>
            <span className="retry-subject">{subject(record)}</span>
            <span className="retry-message">
              {text.headline}
              <small className="retry-detail" title={text.detail}>
                {text.detail}
              </small>
            </span>
            <span className="muted">{next(record)}</span>
          </li>
        );
      })}
    </ol>
  );
}
