import { describe, expect, it } from 'vitest';
import type { RetryWait } from '../../src-shared/download-types';
import { formatCountdown, retryCountdown, retryWaitText } from '../../src-shared/retry-wait-text';

const AT = 1_700_000_000_000;

function wait(error: RetryWait['error']): RetryWait {
  return { nextAttemptAt: AT, error };
}

const UNREACHABLE = wait({ code: 'UNREACHABLE', message: 'refused', retryable: true });

describe('the text of a download waiting to try again', () => {
  it('counts down to the next attempt on the clock it is given', () => {
    expect(retryWaitText(UNREACHABLE, AT - 12_000)).toBe('Server unreachable — trying again in 12 s');
    expect(retryWaitText(UNREACHABLE, AT - 11_001)).toBe('Server unreachable — trying again in 12 s');
    expect(retryWaitText(UNREACHABLE, AT - 1)).toBe('Server unreachable — trying again in 1 s');
    expect(retryWaitText(UNREACHABLE, AT)).toBe('Server unreachable — trying again now');
    expect(retryWaitText(UNREACHABLE, AT + 5_000)).toBe('Server unreachable — trying again now');
  });

  it('names why it waits', () => {
    const busy = wait({ code: 'HTTP_STATUS', message: 'HTTP 503', retryable: true, status: 503 });
    expect(retryWaitText(busy, AT - 3_000)).toBe('Server busy — trying again in 3 s');
    const silent = wait({ code: 'TIMEOUT', message: 'no data for 30000 ms', retryable: true });
    expect(retryWaitText(silent, AT - 3_000)).toBe('Server not answering — trying again in 3 s');
    const reset = wait({ code: 'NETWORK', message: 'network error: ECONNRESET', retryable: true });
    expect(retryWaitText(reset, AT - 3_000)).toBe('Connection lost — trying again in 3 s');
  });

  it('counts down alone where the reason is shown beside it', () => {
    expect(retryCountdown(UNREACHABLE, AT - 2_500)).toBe('trying again in 3 s');
  });

  it('shows minutes for the long waits a server can ask for', () => {
    expect(formatCountdown(65_000)).toBe('1 min 5 s');
    expect(formatCountdown(120_000)).toBe('2 min');
  });
});
