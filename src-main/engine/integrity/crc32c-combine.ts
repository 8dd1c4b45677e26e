// Combines per-chunk CRC-32C values into the whole-file CRC-32C without reading the bytes again.
// The method is zlib's crc32_combine: appending n zero bits to a CRC is linear over GF(2), so it is
// a 32x32 bit-matrix, and n = lengthB * 8 is reached by repeated squaring of the one-zero-bit matrix.

/** CRC-32C (Castagnoli), reflected. */
const CASTAGNOLI_REFLECTED = 0x82f63b78;
const GF2_DIM = 32;

function gf2MatrixTimes(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  let v = vector >>> 0;
  for (let i = 0; v !== 0; i++, v >>>= 1) {
    if (v & 1) sum ^= matrix[i];
  }
  return sum >>> 0;
}

function gf2MatrixSquare(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < GF2_DIM; n++) square[n] = gf2MatrixTimes(matrix, matrix[n]);
}

/**
 * The CRC-32C of A followed by B, from crc(A), crc(B) and B's length in bytes. Lengths above 2^32
 * work (the length is halved arithmetically, not with 32-bit shifts).
 */
export function crc32cCombine(crcA: number, crcB: number, lengthB: number): number {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) {
    throw new RangeError(`lengthB must be a non-negative safe integer, got ${lengthB}`);
  }
  if (lengthB === 0) return crcA >>> 0;

  const even = new Uint32Array(GF2_DIM); // operator for an even power of two zero bits
  const odd = new Uint32Array(GF2_DIM); // operator for an odd power of two zero bits
  odd[0] = CASTAGNOLI_REFLECTED; // one zero bit
  for (let n = 1, row = 1; n < GF2_DIM; n++, row <<= 1) odd[n] = row;
  gf2MatrixSquare(even, odd); // two zero bits
  gf2MatrixSquare(odd, even); // four zero bits

  // The first squaring below yields one zero byte; each later one doubles it.
  let crc = crcA >>> 0;
  let remaining = lengthB;
  for (;;) {
    gf2MatrixSquare(even, odd);
    if (remaining % 2 === 1) crc = gf2MatrixTimes(even, crc);
    remaining = Math.floor(remaining / 2);
    if (remaining === 0) break;
    gf2MatrixSquare(odd, even);
    if (remaining % 2 === 1) crc = gf2MatrixTimes(odd, crc);
    remaining = Math.floor(remaining / 2);
    if (remaining === 0) break;
  }
  return (crc ^ crcB) >>> 0;
}

/** The CRC-32C of the chunks' bytes concatenated in the given order. */
export function combineChunkCrcs(chunks: readonly { crc: number; length: number }[]): number {
  // 0 is the CRC-32C of no bytes.
  return chunks.reduce((crc, chunk) => crc32cCombine(crc, chunk.crc, chunk.length), 0);
}

/** The 4 big-endian bytes of a CRC-32C, as GCS's `x-goog-hash: crc32c=` encodes them. */
function crc32cBytes(crc: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc >>> 0);
  return bytes;
}

export function crc32cToBase64(crc: number): string {
  return crc32cBytes(crc).toString('base64');
}

/** Lower-case hex, 8 digits: the form references and results use. */
export function crc32cToHex(crc: number): string {
  return crc32cBytes(crc).toString('hex');
}
