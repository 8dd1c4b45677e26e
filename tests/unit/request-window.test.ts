import { describe, expect, it } from 'vitest';
import { FIRST_WINDOW_BYTES, nextWindowBytes, windowEndFor } from '../../src-main/engine/plan/request-window';

const MiB = 1024 * 1024;

describe('request windows', () => {
  it('starts with 1 MiB, before the connection has shown a speed', () => {
    expect(FIRST_WINDOW_BYTES).toBe(MiB);
  });

  it('asks for about half a second of what the last window measured', () => {
    expect(nextWindowBytes(2 * MiB, 1000)).toBe(MiB);
    expect(nextWindowBytes(MiB, 250)).toBe(2 * MiB);
  });

  it('stays between 256 KiB and 8 MiB however slow or fast the connection was', () => {
    expect(nextWindowBytes(1024, 1000)).toBe(256 * 1024);
    expect(nextWindowBytes(64 * MiB, 100)).toBe(8 * MiB);
    expect(nextWindowBytes(MiB, 0)).toBe(8 * MiB);
  });

  it('asks for one window of the chunk when more than a quarter window would be left', () => {
    expect(windowEndFor(0, 10 * MiB - 1, 4 * MiB)).toBe(4 * MiB - 1);
    expect(windowEndFor(MiB, 7 * MiB - 1, 4 * MiB)).toBe(5 * MiB - 1);
  });

  it('takes the rest of the chunk rather than leave a sliver for a request of its own', () => {
    // A 4 MiB chunk at 8 MB/s: a half-second window of 4 MB would leave 0.19 MB.
    expect(windowEndFor(0, 4 * MiB - 1, 4_000_000)).toBe(4 * MiB - 1);
    expect(windowEndFor(MiB, 2 * MiB - 1, 4 * MiB)).toBe(2 * MiB - 1);
    // Exactly a quarter window left: still merged.
    expect(windowEndFor(0, 5 * MiB - 1, 4 * MiB)).toBe(5 * MiB - 1);
  });
});
