import { expect, it } from 'vitest';
import { parseRetryAfterMs } from '../../src-main/engine/fetch/retry-policy';

// V8's Date.parse is lenient: "1.5" is 5 Jan 2001 and "-5" is May 2001, so these parse as past dates
// and the client retries at once instead of treating the header as malformed.
it.each(['1.5', '-5', 'in 5', 'Mon 3'])(
  'ignores a Retry-After of %j that is neither seconds nor an HTTP date',
  (value) => {
    expect(parseRetryAfterMs(value, Date.parse('2026-01-01T12:00:00Z'))).toBeUndefined();
  },
);
