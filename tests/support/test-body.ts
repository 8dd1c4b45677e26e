import { createCipheriv } from 'node:crypto';

/**
 * Deterministic pseudo-random bytes: AES-128-CTR keystream keyed by the seed. Incompressible (so gzip
 * and throttling behave as for real media) and fast enough for 100 MiB bodies.
 */
export function makeTestBody(size: number, seed = 1): Buffer {
  const key = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) key.writeUInt32LE((seed + i * 0x9e3779b9) >>> 0, i * 4);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  return cipher.update(Buffer.alloc(size));
}
