// What a chunk whose attempt failed does next, recorded in the scheduler: it waits without using up
// a retry (deferred), or uses one up and backs off, or fails for good once none are left. Returns
// what the retry log shows and when the transfer has to wake for the chunk.
import type { ErrorInfo, RetryRecord } from '../../../src-shared/download-types';
import { nextRetryDelayMs, type RetryPolicy } from '../fetch/retry-policy';
import type { UnreachableStep } from '../fetch/unreachable-window';
import type { ChunkScheduler } from '../plan/chunk-scheduler';

export interface FailedAttempt {
  chunkId: number;
  /** Where the attempt stopped (-1: it reported no position). */
  position: number;
  crc: number;
  error: ErrorInfo;
  now: number;
}

export interface NextAttempt {
  record: RetryRecord;
  /** Absent when the chunk failed for good. */
  wakeInMs?: number;
}

interface WhyItFailed {
  /** The server refused this connection as one too many while others of the run work. */
  refused: boolean;
  /** What the server-down window says, for a failure that was not a refusal. */
  unreachable: UnreachableStep | undefined;
  retryAfterMs: number | undefined;
}

/**
 * Refused for being one connection too many (it waits as long as the server asked, for a working
 * connection), or the server is down (within the policy's window): no retry is used up. Otherwise
 * the chunk uses one up; a server down for longer than the window fails it with that reason.
 */
export function nextAttempt(
  scheduler: ChunkScheduler,
  failed: FailedAttempt,
  why: WhyItFailed,
  setup: { retry: RetryPolicy; rangeSupported: boolean },
): NextAttempt {
  const { unreachable, retryAfterMs } = why;
  if (unreachable?.kind === 'wait') return deferAttempt(scheduler, failed, unreachable.delayMs);
  if (why.refused) return deferAttempt(scheduler, failed, retryAfterMs ?? 0);
  const error = unreachable?.error.toInfo() ?? failed.error;
  return retryAttempt(scheduler, { ...failed, error }, retryAfterMs, setup);
}

/** Waits `waitMs` without using up a retry. */
function deferAttempt(scheduler: ChunkScheduler, failed: FailedAttempt, waitMs: number): NextAttempt {
  const { chunkId, position, crc, error, now } = failed;
  scheduler.defer(chunkId, position, crc, error, now, waitMs);
  const attempt = scheduler.get(chunkId)!.attempts;
  return { record: { chunkId, attempt, at: now, error, nextAttemptAt: now + waitMs }, wakeInMs: waitMs };
}

/** Uses up a retry and backs off (as long as the server asked, if it did). */
function retryAttempt(
  scheduler: ChunkScheduler,
  failed: FailedAttempt,
  retryAfterMs: number | undefined,
  { retry, rangeSupported }: { retry: RetryPolicy; rangeSupported: boolean },
): NextAttempt {
  const { chunkId, position, crc, error, now } = failed;
  const chunk = scheduler.get(chunkId)!;
  const delayMs = nextRetryDelayMs(chunk.consecutiveFailures + 1, retryAfterMs, Math.random, retry);
  const retried = scheduler.fail(chunkId, position, crc, error, now, delayMs);
  // Without ranges the next attempt can only start at the first byte.
  if (!rangeSupported) scheduler.restartFromZero(chunkId);
  const record: RetryRecord = { chunkId, attempt: chunk.attempts, at: now, error };
  if (!retried) return { record };
  return { record: { ...record, nextAttemptAt: now + delayMs }, wakeInMs: delayMs };
}
