import { describe, expect, it } from 'vitest';
import { placeRange } from '../../src-main/engine/plan/range-placement';

const ASKED = { start: 1000, end: 1999 };

describe('placing a 206 body by its Content-Range', () => {
  it('writes the exact range asked for as it is', () => {
    expect(placeRange(ASKED, { start: 1000, end: 1999 })).toEqual({ skipBytes: 0, end: 1999 });
  });

  it('writes a shorter body up to where it ends (the rest is asked for again)', () => {
    expect(placeRange(ASKED, { start: 1000, end: 1200 })).toEqual({ skipBytes: 0, end: 1200 });
  });

  it('drops the bytes of a superset before the asked start and stops at the asked end', () => {
    expect(placeRange(ASKED, { start: 500, end: 2500 })).toEqual({ skipBytes: 500, end: 1999 });
  });

  it('uses a range shifted back by the overlap it still has with the ask', () => {
    expect(placeRange(ASKED, { start: 999, end: 1998 })).toEqual({ skipBytes: 1, end: 1998 });
    expect(placeRange(ASKED, { start: 0, end: 1000 })).toEqual({ skipBytes: 1000, end: 1000 });
  });

  it('refuses a range that starts after the first asked byte: the bytes before it would be missing', () => {
    expect(placeRange(ASKED, { start: 1001, end: 2000 })).toBeUndefined();
  });

  it('refuses a range that ends before the first asked byte', () => {
    expect(placeRange(ASKED, { start: 0, end: 999 })).toBeUndefined();
  });

  it('refuses to drop more bytes than the ask is long, which would make every request pay twice', () => {
    expect(placeRange({ start: 2000, end: 2999 }, { start: 0, end: 9999 })).toBeUndefined();
    expect(placeRange(ASKED, { start: 0, end: 9999 })).toEqual({ skipBytes: 1000, end: 1999 });
    expect(placeRange({ start: 10, end: 10 }, { start: 9, end: 10 })).toEqual({ skipBytes: 1, end: 10 });
    expect(placeRange({ start: 10, end: 10 }, { start: 8, end: 10 })).toBeUndefined();
  });
});
