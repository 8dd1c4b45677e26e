import { describe, expect, it } from 'vitest';
import { SPEED_WINDOW_MS, SpeedMeter } from '../../src-main/engine/progress/speed-meter';

/** Feeds `bytesPerSecond` in samples every `stepMs` from `fromMs` to `toMs`; returns the running total. */
function feed(
  meter: SpeedMeter,
  total: number,
  fromMs: number,
  toMs: number,
  bytesPerSecond: number,
  stepMs = 100,
): number {
  let sum = total;
  for (let t = fromMs; t <= toMs; t += stepMs) {
    if (t > fromMs) sum += (bytesPerSecond * stepMs) / 1000;
    meter.record(t, sum);
  }
  return sum;
}

describe('SpeedMeter', () => {
  it('shows no speed until it has two samples', () => {
    const meter = new SpeedMeter();
    expect(meter.bytesPerSecond(0)).toBe(0);
    meter.record(0, 5000);
    expect(meter.bytesPerSecond(0)).toBe(0);
    meter.record(500, 10_000);
    expect(meter.bytesPerSecond(500)).toBe(10_000);
  });

  it('measures a steady transfer exactly', () => {
    const meter = new SpeedMeter();
    feed(meter, 0, 0, 10_000, 250_000);
    expect(meter.bytesPerSecond(10_000)).toBe(250_000);
  });

  it('forgets the old rate once a window has passed at the new one', () => {
    const meter = new SpeedMeter();
    const total = feed(meter, 0, 0, 5000, 1_000_000);
    feed(meter, total, 5000, 5000 + SPEED_WINDOW_MS + 200, 1000);
    expect(meter.bytesPerSecond(5000 + SPEED_WINDOW_MS + 200)).toBeCloseTo(1000, 6);
  });

  it('follows a speed-up within the window instead of averaging the whole download', () => {
    const meter = new SpeedMeter();
    const total = feed(meter, 0, 0, 60_000, 1000);
    feed(meter, total, 60_000, 60_000 + SPEED_WINDOW_MS + 200, 50_000);
    expect(meter.bytesPerSecond(60_000 + SPEED_WINDOW_MS + 200)).toBeCloseTo(50_000, 6);
  });

  it('keeps measuring correctly when samples arrive far more often than the window', () => {
    const meter = new SpeedMeter();
    feed(meter, 0, 0, 2000, 64_000, 1);
    expect(meter.bytesPerSecond(2000)).toBeCloseTo(64_000, 6);
  });

  it('falls toward zero while no bytes arrive, and shows zero after a silent window', () => {
    const meter = new SpeedMeter();
    feed(meter, 0, 0, 1000, 10_000);
    expect(meter.bytesPerSecond(2000)).toBeLessThan(10_000);
    expect(meter.bytesPerSecond(1000 + SPEED_WINDOW_MS + 1)).toBe(0);
  });

  it('starts over after a reset', () => {
    const meter = new SpeedMeter();
    feed(meter, 0, 0, 1000, 10_000);
    meter.reset();
    expect(meter.bytesPerSecond(1000)).toBe(0);
    meter.record(1100, 0);
    meter.record(1200, 300);
    expect(meter.bytesPerSecond(1200)).toBe(3000);
  });

  it('uses the window it was given', () => {
    const meter = new SpeedMeter(500);
    feed(meter, 0, 0, 1000, 10_000);
    expect(meter.bytesPerSecond(1501)).toBe(0);
  });

  it('shows the new speed right after a resume instead of averaging across the pause', () => {
    const meter = new SpeedMeter();
    const rate = 283 * 1024;
    const total = feed(meter, 0, 0, 10_000, rate, 250);
    // Paused for five minutes: no samples arrive.
    const resumedAt = 10_000 + 5 * 60_000;
    feed(meter, total, resumedAt, resumedAt + 500, rate, 250);
    expect(meter.bytesPerSecond(resumedAt + 500)).toBeCloseTo(rate, 6);
  });

  it('starts a new measurement when a new run reports fewer bytes than the last one', () => {
    const meter = new SpeedMeter();
    feed(meter, 0, 0, 1000, 100_000);
    // The journal held less than the stopped run had in memory.
    feed(meter, 50_000, 1100, 1600, 20_000);
    expect(meter.bytesPerSecond(1600)).toBeCloseTo(20_000, 6);
  });
});
