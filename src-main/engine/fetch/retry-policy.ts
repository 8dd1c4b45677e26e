// Retry policy as one data object: which failures are worth another attempt, which end the whole
// download, how long to wait, and how many attempts a piece of work gets. The first request and
// every chunk read the same object.
import type { EngineSettings, ErrorCode } from '../../../src-shared/download-types';

export interface RetryPolicy {
  /** Statuses worth another attempt; any other 5xx except 501/505 is too. */
  readonly retryableStatuses: ReadonlySet<number>;
  /** Failures that end the whole download instead of one attempt: retrying cannot fix them. */
  readonly fatalCodes: ReadonlySet<ErrorCode>;
  readonly backoff: { readonly baseMs: number; readonly maxMs: number };
  /** A server asking for more than this is not waited for blindly. */
  readonly retryAfterCapMs: number;
  /** Attempts after the first one, per chunk and for the first request. */
  readonly maxRetries: number;
  /**
   * Attempts after the first one for a malformed response (conflicting lengths, bad chunking): a
   * server that frames a response wrongly usually does so every time.
   */
  readonly maxProtocolRetries: number;
  /**
   * Wrong Content-Range answers before ranges are no longer trusted: the first response, while it
   * still streams from byte 0, finishes the file; otherwise the file is fetched whole once more.
   */
  readonly rangeLiesBeforeOneStream: number;
  /**
   * A server that cannot be reached (UNREACHABLE: down, restarting, refusing) is tried again for
   * `windowMs` from its first such failure, outside `maxRetries`; 0 leaves it to `maxRetries`. Waits
   * grow with the outage, within `backoff`.
   */
  readonly unreachable: {
    readonly windowMs: number;
    readonly backoff: { readonly baseMs: number; readonly maxMs: number };
  };
}

/**
 * Failed attempts without a new byte anywhere in the download, as a multiple of `maxRetries`: one
 * blip can fail every connection at once, but a server that never delivers ends in bounded requests.
 */
export const DOWNLOAD_RETRY_FACTOR = 2;

/**
 * New bytes an attempt must bring to count as progress: a server that sends one byte and stalls
 * on every request would otherwise be retried once per byte of the file.
 */
export const MIN_PROGRESS_BYTES = 16 * 1024;

export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 30_000;
export const RETRY_AFTER_CAP_MS = 5 * 60_000;
export const UNREACHABLE_WINDOW_MS = 5 * 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retryableStatuses: new Set([408, 425, 429, 500, 502, 503, 504]),
  fatalCodes: new Set<ErrorCode>(['REMOTE_CHANGED', 'DISK_FULL', 'FILE_SYSTEM']),
  backoff: { baseMs: RETRY_BASE_DELAY_MS, maxMs: RETRY_MAX_DELAY_MS },
  retryAfterCapMs: RETRY_AFTER_CAP_MS,
  maxRetries: 8,
  maxProtocolRetries: 2,
  rangeLiesBeforeOneStream: 3,
  unreachable: {
    windowMs: UNREACHABLE_WINDOW_MS,
    backoff: { baseMs: RETRY_BASE_DELAY_MS, maxMs: RETRY_MAX_DELAY_MS },
  },
};

/** The default policy with the user's retry budget and how long to wait for an unreachable server. */
export function retryPolicyFor(
  settings: Pick<EngineSettings, 'maxRetries' | 'waitForServerSeconds'>,
): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    maxRetries: settings.maxRetries,
    unreachable: { ...DEFAULT_RETRY_POLICY.unreachable, windowMs: settings.waitForServerSeconds * 1000 },
  };
}

/**
 * The wait before trying an unreachable server again, `downMs` after it was first found unreachable:
 * as long as it has been down (so waits double from one attempt to the next), within the backoff
 * bounds, and never past the end of the window, where the last attempt is made. Without jitter, so
 * every connection of a download tries again at the moment the user is shown.
 */
export function unreachableDelayMs(downMs: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const { windowMs, backoff } = policy.unreachable;
  const grown = Math.min(backoff.maxMs, Math.max(backoff.baseMs, downMs));
  return Math.max(0, Math.min(grown, windowMs - downMs));
}

export function isRetryableStatus(status: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): boolean {
  return policy.retryableStatuses.has(status) || (status >= 500 && status !== 501 && status !== 505);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or malformed. */
export function parseRetryAfterMs(
  value: string | undefined,
  nowMs: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, policy.retryAfterCapMs);
  // Only an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") or the two obsolete forms; Date.parse
  // alone reads "1.5" or "-5" as dates in 2001, which would mean "retry now".
  if (
    !/^[A-Za-z]{3,9}, ?\d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$|^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(
      text,
    )
  ) {
    return undefined;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - nowMs), policy.retryAfterCapMs);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelayMs(
  attempt: number,
  random: () => number = Math.random,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number {
  const { baseMs, maxMs } = policy.backoff;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** The server's `Retry-After` when it sent one, otherwise backoff for this attempt. */
export function nextRetryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number {
  return retryAfterMs ?? backoffDelayMs(attempt, random, policy);
}
