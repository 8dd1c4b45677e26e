import { describe, expect, it } from 'vitest';
import { FIRST_WINDOW_BYTES, nextWindowBytes } from '../../src-main/engine/plan/request-window';

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
});
