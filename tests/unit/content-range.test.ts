import { describe, expect, it } from 'vitest';
import { formatRangeHeader, parseContentRange } from '../../src-main/engine/plan/content-range';

describe('parseContentRange', () => {
  it('reads a satisfied range with a known total', () => {
    expect(parseContentRange('bytes 0-99/100')).toEqual({ kind: 'range', start: 0, end: 99, total: 100 });
    expect(parseContentRange('bytes 42-42/43')).toEqual({ kind: 'range', start: 42, end: 42, total: 43 });
  });

  it('reads a range whose total the server does not know', () => {
    expect(parseContentRange('bytes 100-199/*')).toEqual({ kind: 'range', start: 100, end: 199 });
  });

  it('reads an unsatisfied range, including the empty file a 416 reports', () => {
    expect(parseContentRange('bytes */1000')).toEqual({ kind: 'unsatisfied', total: 1000 });
    expect(parseContentRange('bytes */0')).toEqual({ kind: 'unsatisfied', total: 0 });
  });

  it('accepts a differently cased unit and surrounding whitespace', () => {
    expect(parseContentRange('  Bytes 0-0/1 ')).toEqual({ kind: 'range', start: 0, end: 0, total: 1 });
  });

  it('handles totals beyond 4 GiB exactly', () => {
    expect(parseContentRange('bytes 5000000000-5000000999/6000000000')).toEqual({
      kind: 'range',
      start: 5_000_000_000,
      end: 5_000_000_999,
      total: 6_000_000_000,
    });
  });

  it.each([
    undefined,
    '',
    'bytes',
    'bytes 0-99',
    'bytes 99-0/100',
    'bytes 0-100/100',
    'bytes 0-199/100',
    'bytes -1-99/100',
    'bytes 0x10-99/100',
    'bytes 1.5-99/100',
    'bytes 0-99/1e3',
    'bytes 0 - 99/100',
    'bytes=0-99/100',
    'items 0-99/100',
    'bytes 0-99/100, 200-299/300',
    'bytes */*',
    'bytes 0-9007199254740993/9007199254740994',
  ])('rejects the malformed value %j', (header) => {
    expect(parseContentRange(header)).toBeUndefined();
  });
});

describe('formatRangeHeader', () => {
  it('asks for the rest of the file when no end is given', () => {
    expect(formatRangeHeader(0)).toBe('bytes=0-');
    expect(formatRangeHeader(1024)).toBe('bytes=1024-');
  });

  it('asks for an inclusive range', () => {
    expect(formatRangeHeader(0, 0)).toBe('bytes=0-0');
    expect(formatRangeHeader(100, 199)).toBe('bytes=100-199');
  });

  it('refuses ranges that would request the wrong bytes', () => {
    expect(() => formatRangeHeader(-1)).toThrow(RangeError);
    expect(() => formatRangeHeader(1.5)).toThrow(RangeError);
    expect(() => formatRangeHeader(10, 9)).toThrow(RangeError);
  });
});
