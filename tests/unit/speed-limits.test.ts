import { describe, expect, it } from 'vitest';
import { planConnectionRates } from '../../src-main/engine/plan/speed-limits';

describe('planConnectionRates', () => {
  it("divides a download's own limit among its connections when there is no global limit", () => {
    const rates = planConnectionRates(
      [
        { id: 'a', connections: 4, limitBps: 400_000 },
        { id: 'b', connections: 2, limitBps: 0 },
      ],
      0,
    );
    expect(rates).toEqual(
      new Map([
        ['a', 100_000],
        ['b', 0],
      ]),
    );
  });

  it('shares the global limit evenly among all connections when no download has its own', () => {
    const rates = planConnectionRates(
      [
        { id: 'a', connections: 3, limitBps: 0 },
        { id: 'b', connections: 1, limitBps: 0 },
      ],
      1_000_000,
    );
    expect(rates).toEqual(
      new Map([
        ['a', 250_000],
        ['b', 250_000],
      ]),
    );
  });

  it('gives what a slow-limited download leaves unused to the others, never above either limit', () => {
    const downloads = [
      { id: 'slow', connections: 2, limitBps: 100_000 },
      { id: 'free', connections: 2, limitBps: 0 },
      { id: 'capped', connections: 1, limitBps: 600_000 },
    ];
    const rates = planConnectionRates(downloads, 1_000_000);
    expect(rates.get('slow')).toBe(50_000);
    // 900 000 left for 3 connections: 300 000 each, below the capped download's own 600 000.
    expect(rates.get('free')).toBe(300_000);
    expect(rates.get('capped')).toBe(300_000);
    const total = downloads.reduce((sum, d) => sum + rates.get(d.id)! * d.connections, 0);
    expect(total).toBeLessThanOrEqual(1_000_000);
  });

  it('holds a download to its own limit when it is below the global share', () => {
    const rates = planConnectionRates([{ id: 'a', connections: 4, limitBps: 200_000 }], 10_000_000);
    expect(rates.get('a')).toBe(50_000);
  });

  it('never plans 0 (unlimited) for a limited download, however small its share', () => {
    const rates = planConnectionRates(
      [
        { id: 'a', connections: 32, limitBps: 10 },
        { id: 'b', connections: 32, limitBps: 0 },
      ],
      20,
    );
    expect(rates.get('a')).toBe(1);
    expect(rates.get('b')).toBe(1);
  });

  it('leaves out downloads without connections', () => {
    expect(planConnectionRates([{ id: 'a', connections: 0, limitBps: 5 }], 100).size).toBe(0);
  });
});
