import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DigestAlgorithm } from '../../src-shared/download-types';
import { DownloadError } from '../../src-main/engine/errors';
import { OrderedHasher } from '../../src-main/engine/integrity/ordered-hasher';

const SEQUENTIAL: DigestAlgorithm[] = ['md5', 'sha1', 'sha256', 'sha512'];

let dir: string;
const hashers: OrderedHasher[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pdl-hasher-'));
});

afterEach(async () => {
  await Promise.all(hashers.splice(0).map((hasher) => hasher.dispose()));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function createHasher(partPath: string, algorithms = SEQUENTIAL): OrderedHasher {
  const hasher = new OrderedHasher({ partPath, algorithms });
  hashers.push(hasher);
  return hasher;
}

function expectedDigests(content: Buffer): Record<string, string> {
  return Object.fromEntries(
    SEQUENTIAL.map((algorithm) => [algorithm, createHash(algorithm).update(content).digest('hex')]),
  );
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('OrderedHasher', () => {
  it('hashes chunks written out of order, following the contiguous watermark', async () => {
    const content = randomBytes(6 * 1024 * 1024 + 12345);
    const partPath = join(dir, 'out-of-order.part');
    // Bytes beyond the watermark are junk until their chunk lands: hashing them early would show.
    writeFileSync(partPath, Buffer.alloc(content.length, 0xaa));
    const chunkBytes = 700_001;
    const chunks = Array.from({ length: Math.ceil(content.length / chunkBytes) }, (_, i) => ({
      start: i * chunkBytes,
      end: Math.min((i + 1) * chunkBytes, content.length),
    }));
    const hasher = createHasher(partPath);

    const file = await open(partPath, 'r+');
    const written = new Set<number>();
    let watermark = 0;
    for (const chunk of shuffled(chunks)) {
      await file.write(content, chunk.start, chunk.end - chunk.start, chunk.start);
      written.add(chunk.start);
      while (written.has(watermark) && watermark < content.length) {
        watermark = Math.min(watermark + chunkBytes, content.length);
      }
      hasher.advance(watermark);
      await vi.waitFor(() => expect(hasher.hashedBytes).toBe(watermark));
    }
    await file.close();

    expect(await hasher.finish(content.length)).toEqual(expectedDigests(content));
  });

  it('hashes the whole file on finish() when no watermark was ever given', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 1);
    const partPath = join(dir, 'no-advance.part');
    writeFileSync(partPath, content);
    const hasher = createHasher(partPath);
    expect(await hasher.finish(content.length)).toEqual(expectedDigests(content));
    expect(hasher.hashedBytes).toBe(content.length);
  });

  it('computes only the requested sequential algorithms (crc32c comes from chunk CRCs)', async () => {
    const content = randomBytes(10_000);
    const partPath = join(dir, 'subset.part');
    writeFileSync(partPath, content);
    const hasher = createHasher(partPath, ['sha256', 'crc32c', 'sha256']);
    expect(await hasher.finish(content.length)).toEqual({
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('gives the digests of no bytes for an empty file', async () => {
    const partPath = join(dir, 'empty.part');
    writeFileSync(partPath, Buffer.alloc(0));
    const hasher = createHasher(partPath);
    expect(await hasher.finish(0)).toEqual(expectedDigests(Buffer.alloc(0)));
  });

  it('fails with FILE_SYSTEM when the part file is shorter than the download', async () => {
    const partPath = join(dir, 'short.part');
    writeFileSync(partPath, randomBytes(1000));
    const hasher = createHasher(partPath);
    const failure = await hasher.finish(2000).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DownloadError);
    expect((failure as DownloadError).code).toBe('FILE_SYSTEM');
    expect((failure as DownloadError).message).toContain('ends at byte 1000');
  });

  it('fails with FILE_SYSTEM when the part file is missing', async () => {
    const hasher = createHasher(join(dir, 'missing.part'));
    hasher.advance(10);
    const failure = await hasher.finish(10).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DownloadError);
    expect((failure as DownloadError).code).toBe('FILE_SYSTEM');
  });

  it('rejects finish() after dispose() with ABORTED', async () => {
    const content = randomBytes(4 * 1024 * 1024);
    const partPath = join(dir, 'disposed.part');
    writeFileSync(partPath, content);
    const hasher = createHasher(partPath);
    hasher.advance(1024 * 1024);
    await vi.waitFor(() => expect(hasher.hashedBytes).toBe(1024 * 1024));
    await hasher.dispose();
    const failure = await hasher.finish(content.length).catch((err: unknown) => err);
    expect((failure as DownloadError).code).toBe('ABORTED');
  });

  it('returns the same digests to repeated finish() calls', async () => {
    const content = randomBytes(5000);
    const partPath = join(dir, 'twice.part');
    writeFileSync(partPath, content);
    const hasher = createHasher(partPath);
    const first = hasher.finish(content.length);
    expect(hasher.finish(content.length)).toBe(first);
    expect(await first).toEqual(expectedDigests(content));
  });

  it('hashes at most 1 MiB per event-loop turn, so progress and messages are never held up long', async () => {
    const content = randomBytes(8 * 1024 * 1024);
    const partPath = join(dir, 'slices.part');
    writeFileSync(partPath, content);
    const hasher = createHasher(partPath, ['sha256']);
    hasher.advance(content.length);
    const seen: number[] = [];
    while (hasher.hashedBytes < content.length) {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(hasher.hashedBytes);
    }
    const steps = seen.map((bytes, i) => bytes - (i === 0 ? 0 : seen[i - 1]));
    expect(Math.max(...steps)).toBeLessThanOrEqual(1024 * 1024);
    expect(await hasher.finish(content.length)).toEqual({
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('keeps downloads apart when several hash at once on the same thread', async () => {
    const contents = [randomBytes(3 * 1024 * 1024 + 7), randomBytes(2 * 1024 * 1024 + 3)];
    const hashing = contents.map((content, i) => {
      const partPath = join(dir, `together-${i}.part`);
      writeFileSync(partPath, content);
      const hasher = createHasher(partPath);
      hasher.advance(content.length);
      return hasher.finish(content.length);
    });
    expect(await Promise.all(hashing)).toEqual(contents.map(expectedDigests));
  });

  it('fails with INTERNAL when the watermark passed the end the download finishes at', async () => {
    const partPath = join(dir, 'beyond.part');
    writeFileSync(partPath, randomBytes(100));
    const hasher = createHasher(partPath);
    hasher.advance(100);
    const failure = await hasher.finish(50).catch((err: unknown) => err);
    expect((failure as DownloadError).code).toBe('INTERNAL');
  });
});
