import { describe, expect, it } from 'vitest';
import { ConnectionRates } from '../../src-main/engine/fetch/connection-rates';

describe('ConnectionRates', () => {
  it('gives every connection the global share when no download has its own limit', () => {
    const rates = new ConnectionRates();
    expect(rates.rateFor('7:0')).toBe(0);
    rates.set(1000);
    expect(rates.rateFor('7:0')).toBe(1000);
  });

  it("applies a download's own share only to its connections, and the lower limit wins", () => {
    const rates = new ConnectionRates();
    rates.set(1000);
    rates.set(300, '7:');
    rates.set(5000, '8:');
    expect(rates.rateFor('7:3')).toBe(300);
    expect(rates.rateFor('8:0')).toBe(1000);
    expect(rates.rateFor('9:0')).toBe(1000);
    expect(rates.rateFor('70:0')).toBe(1000);
  });

  it("limits a download's connections when there is no global limit, and lifts it with 0", () => {
    const rates = new ConnectionRates();
    rates.set(300, '7:');
    expect(rates.rateFor('7:1')).toBe(300);
    rates.set(0, '7:');
    expect(rates.rateFor('7:1')).toBe(0);
  });
});
