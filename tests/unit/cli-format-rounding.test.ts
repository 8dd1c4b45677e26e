import { expect, it } from 'vitest';
import type { ChunkSnapshot } from '../../src-shared/download-types';
import { chunkStrip, formatBytes, formatEta } from '../../src-main/cli/cli-format';

// Seconds are ceiled after the minutes were floored, so 119.5 s rounds up to "60" within minute 1.
it.each([
  [59.5, '1m00s'],
  [119.5, '2m00s'],
  [3599.5, '1h00m'],
])('never shows 60 in the seconds place (%s s → %s)', (seconds, text) => {
  expect(formatEta(seconds)).toBe(text);
});

// The unit is picked before rounding, so 1 MiB - 1 byte reads "1024.0 KiB".
it('moves to the next unit when rounding reaches 1024', () => {
  expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
});

// The last cell is taken from the last byte's offset, so when a cell is smaller than a byte (a file
// smaller than the strip) the cells covered by the rest of that byte stay blank.
it('fills the whole strip for a finished file smaller than the strip', () => {
  const chunk: ChunkSnapshot = {
    id: 0,
    start: 0,
    end: 2,
    written: 3,
    status: 'done',
    speedBps: 0,
    attempts: 1,
  };
  expect(chunkStrip([chunk], 3, 10)).toBe('█'.repeat(10));
});
