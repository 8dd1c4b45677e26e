import { randomBytes } from 'node:crypto';
import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import {
  combineChunkCrcs,
  crc32cCombine,
  crc32cToBase64,
  crc32cToHex,
} from '../../src-main/engine/integrity/crc32c-combine';

/** A deterministic pseudo-random generator, so a failing split can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('crc32cCombine', () => {
  it('equals the CRC-32C of the concatenation for random buffers split at random points', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 50; round++) {
      const data = randomBytes(Math.floor(random() * 200_000) + 1);
      const cut = Math.floor(random() * (data.length + 1));
      const a = data.subarray(0, cut);
      const b = data.subarray(cut);
      expect(crc32cCombine(crc32c(a), crc32c(b), b.length)).toBe(crc32c(data));
    }
  });

  it('returns the first CRC unchanged when the second part is empty', () => {
    const a = randomBytes(1000);
    expect(crc32cCombine(crc32c(a), crc32c(Buffer.alloc(0)), 0)).toBe(crc32c(a));
  });

  it('returns the second CRC when the first part is empty', () => {
    const b = randomBytes(1000);
    expect(crc32cCombine(crc32c(Buffer.alloc(0)), crc32c(b), b.length)).toBe(crc32c(b));
  });

  it('handles a second part longer than 2^32 bytes (a 4 GiB+ chunk)', () => {
    // Streams 4 GiB + 12345 zero bytes through the native CRC (about a second) as the reference.
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const head = Buffer.from('the first chunk');
    const lengthB = 2 ** 32 + 12345;
    let crcWhole = crc32c(head);
    let crcB = 0;
    for (let left = lengthB; left > 0; left -= zeros.length) {
      const block = zeros.subarray(0, Math.min(left, zeros.length));
      crcWhole = crc32c(block, crcWhole);
      crcB = crc32c(block, crcB);
    }
    expect(crc32cCombine(crc32c(head), crcB, lengthB)).toBe(crcWhole);
  });

  it('rejects a negative or fractional length', () => {
    expect(() => crc32cCombine(1, 2, -1)).toThrow(RangeError);
    expect(() => crc32cCombine(1, 2, 1.5)).toThrow(RangeError);
  });
});

describe('combineChunkCrcs', () => {
  it('rebuilds the whole-file CRC-32C from chunk CRCs, including empty chunks', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 20; round++) {
      const data = randomBytes(Math.floor(random() * 500_000));
      const cuts = Array.from({ length: Math.floor(random() * 12) }, () =>
        Math.floor(random() * (data.length + 1)),
      ).sort((x, y) => x - y);
      const bounds = [0, ...cuts, data.length];
      const chunks = bounds.slice(1).map((end, i) => {
        const bytes = data.subarray(bounds[i], end);
        return { crc: crc32c(bytes), length: bytes.length };
      });
      expect(combineChunkCrcs(chunks)).toBe(crc32c(data));
    }
  });

  it('gives 0, the CRC-32C of no bytes, for no chunks', () => {
    expect(combineChunkCrcs([])).toBe(crc32c(Buffer.alloc(0)));
  });
});

describe('CRC-32C encodings', () => {
  it('encodes big-endian, as GCS x-goog-hash does (check value of "123456789")', () => {
    const crc = crc32c('123456789');
    expect(crc32cToHex(crc)).toBe('e3069283');
    expect(crc32cToBase64(crc)).toBe('4waSgw==');
  });

  it('keeps leading zero bytes in hex', () => {
    expect(crc32cToHex(0x00000a0b)).toBe('00000a0b');
  });
});
