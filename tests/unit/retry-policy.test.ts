import { describe, expect, it } from 'vitest';
import {
  RETRY_AFTER_CAP_MS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  backoffDelayMs,
  isRetryableStatus,
  nextRetryDelayMs,
  parseRetryAfterMs,
} from '../../src-main/engine/fetch/retry-policy';

const NOW = Date.parse('2026-01-01T12:00:00Z');

describe('backoffDelayMs', () => {
  it('waits anywhere from zero up to a ceiling that doubles per attempt (full jitter)', () => {
    const ceilings = [1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, () => 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
    expect(backoffDelayMs(3, () => 0.5)).toBe(1000);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    for (const attempt of [7, 8, 20, 1000, 5000]) {
      expect(backoffDelayMs(attempt, () => 1)).toBe(RETRY_MAX_DELAY_MS);
    }
  });

  it('treats attempt 0 or below like the first attempt', () => {
    expect(backoffDelayMs(0, () => 1)).toBe(RETRY_BASE_DELAY_MS);
    expect(backoffDelayMs(-3, () => 1)).toBe(RETRY_BASE_DELAY_MS);
  });

  it('stays within its bounds for any random draw', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
      for (let draw = 0; draw < 50; draw++) {
        const delay = backoffDelayMs(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds, ignoring surrounding spaces', () => {
    expect(parseRetryAfterMs('120', NOW)).toBe(120_000);
    expect(parseRetryAfterMs(' 3 ', NOW)).toBe(3000);
    expect(parseRetryAfterMs('0', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('retries at once when the date already passed', () => {
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('caps what a server may ask for, in seconds or as a date', () => {
    expect(parseRetryAfterMs('86400', NOW)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfterMs('Fri, 02 Jan 2026 12:00:00 GMT', NOW)).toBe(RETRY_AFTER_CAP_MS);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfterMs(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfterMs('', NOW)).toBeUndefined();
    expect(parseRetryAfterMs('soon', NOW)).toBeUndefined();
  });
});

describe('nextRetryDelayMs', () => {
  it('prefers the server’s Retry-After over backoff, even when it says zero', () => {
    expect(nextRetryDelayMs(5, 7000, () => 1)).toBe(7000);
    expect(nextRetryDelayMs(5, 0, () => 1)).toBe(0);
  });

  it('falls back to jittered backoff without Retry-After', () => {
    expect(nextRetryDelayMs(2, undefined, () => 1)).toBe(1000);
  });
});

describe('isRetryableStatus', () => {
  it.each([408, 425, 429, 500, 502, 503, 504, 507, 599])('retries HTTP %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([400, 401, 403, 404, 410, 416, 501, 505])('does not retry HTTP %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});
