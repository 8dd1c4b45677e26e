// Every failed attempt, newest first, in words, with when the next attempt starts. Failures of the
// whole file (a checksum mismatch) are named as such.
import { isChunkRetry, type RetryRecord } from '../../src-shared/download-types';
import { describeError } from '../lib/error-text';
import { formatTime } from '../lib/format';

interface RetryLogProps {
  retries: readonly RetryRecord[];
  /** What to say when there are none. */
  emptyText: string;
  url: string;
}

function subject(record: RetryRecord): string {
  return isChunkRetry(record) ? `Chunk ${record.chunkId}, attempt ${record.attempt}` : 'Whole file';
}

function next(record: RetryRecord): string {
  if (!isChunkRetry(record)) return 'downloaded again';
  return record.nextAttemptAt === undefined ? 'not retried' : `next at ${formatTime(record.nextAttemptAt)}`;
}

function key(record: RetryRecord): string {
  return isChunkRetry(record) ? `${record.chunkId}-${record.attempt}-${record.at}` : `file-${record.at}`;
}

export function RetryLog({ retries, emptyText, url }: RetryLogProps) {
  if (retries.length === 0) return <p className="muted">{emptyText}</p>;
  const newestFirst = [...retries].reverse();
  return (
    <ol className="retry-log" aria-label="Retry log">
      {newestFirst.map((record, i) => {
        const text = describeError(record.error, { url });
        return (
          <li key={`${key(record)}-${i}`} className={isChunkRetry(record) ? undefined : 'retry-whole-file'}>
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
