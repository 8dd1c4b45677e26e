// Retry policy as data: which failures are worth another attempt and how long to wait before it.

export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 30_000;
/** A server asking for more than this is not waited for blindly. */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status) || (status >= 500 && status !== 501 && status !== 505);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or malformed. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_CAP_MS);
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
  return Math.min(Math.max(0, date - nowMs), RETRY_AFTER_CAP_MS);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

export function nextRetryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  return retryAfterMs ?? backoffDelayMs(attempt, random);
}
