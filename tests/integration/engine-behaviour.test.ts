import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

function googHash(body: Buffer): string {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32c(body));
  const md5 = createHash('md5').update(body).digest('base64');
  return `crc32c=${crc.toString('base64')},md5=${md5}`;
}

describe('dynamic re-splitting', () => {
  it('hands the tail of a throttled straggler to connections that finished', async () => {
    harness = createHarness();
    const body = makeTestBody(4 * 1024 * 1024, 5);
    server.setResource('/straggler.bin', {
      body,
      perConnectionRateBps: 8_000_000,
      slowConnections: { indices: [2], rateBps: 150_000 },
    });
    server.reset();
    const result = await harness.download({ url: server.url('/straggler.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    // The initial plan is four 1 MiB chunks; a takeover adds chunks that start inside them.
    const quarter = 1024 * 1024;
    const splitStarts = result.chunks.filter((c) => c.start % quarter !== 0);
    expect(result.chunks.length).toBeGreaterThan(4);
    expect(splitStarts.length).toBeGreaterThan(0);
    // Chunks tile the file exactly: no overlap, no gap.
    const sorted = [...result.chunks].sort((a, b) => a.start - b.start);
    sorted.forEach((chunk, i) => expect(chunk.start).toBe(i === 0 ? 0 : sorted[i - 1]!.end + 1));
    expect(sorted.at(-1)!.end).toBe(body.length - 1);
  });
});

describe('file names', () => {
  const hostile = [
    'attachment; filename="../../escape.sh"',
    "attachment; filename*=UTF-8''..%2F..%2Fescape2.sh",
    'attachment; filename="..\\\\..\\\\win.ini"',
    "attachment; filename*=UTF-8''evil%E2%80%AEgpj.exe",
    'attachment; filename="CON.txt"',
  ];
  for (const disposition of hostile) {
    it(`keeps a hostile Content-Disposition inside the folder: ${JSON.stringify(disposition)}`, async () => {
      harness = createHarness();
      server.setResource('/named', { body: makeTestBody(1000, 2), contentDisposition: disposition });
      const result = await harness.download({ url: server.url('/named') });
      expect(result.status).toBe('completed');
      expect(path.dirname(result.filePath!)).toBe(harness.dir);
      expect(path.basename(result.filePath!)).not.toMatch(/[/\\\u202E]|^\.\.?$/);
      expect(fs.readdirSync(path.dirname(harness.dir)).some((f) => f.startsWith('escape'))).toBe(false);
    });
  }

  it('never overwrites an existing file', async () => {
    harness = createHarness();
    const original = path.join(harness.dir, 'keep.bin');
    fs.writeFileSync(original, 'precious');
    server.setResource('/keep.bin', { body: makeTestBody(5000, 9) });
    const result = await harness.download({ url: server.url('/keep.bin') });
    expect(result.status).toBe('completed');
    expect(result.filePath).toBe(path.join(harness.dir, 'keep (1).bin'));
    expect(fs.readFileSync(original, 'utf8')).toBe('precious');
  });

  it('uses the name from Content-Disposition', async () => {
    harness = createHarness();
    server.setResource('/dl?id=3', {
      body: makeTestBody(10, 1),
      contentDisposition: `attachment; filename="fallback.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
    });
    const result = await harness.download({ url: server.url('/dl?id=3') });
    expect(path.basename(result.filePath!)).toBe('résumé.pdf');
  });
});

describe('integrity during the download', () => {
  const body = makeTestBody(3 * 1024 * 1024 + 17, 21);

  it('verifies the server-provided x-goog-hash crc32c and md5', async () => {
    harness = createHarness();
    server.setResource('/gcs.bin', { body, headers: { 'x-goog-hash': googHash(body) } });
    const result = await harness.download({ url: server.url('/gcs.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    const byAlgorithm = Object.fromEntries(result.integrity.map((r) => [r.algorithm, r]));
    expect(byAlgorithm['crc32c']).toMatchObject({ status: 'verified', source: 'x-goog-hash' });
    expect(byAlgorithm['md5']).toMatchObject({ status: 'verified', source: 'x-goog-hash' });
    expect(byAlgorithm['sha256']).toMatchObject({ status: 'computed', actual: sha256(body) });
  });

  it('catches one flipped byte although the server sends the right hash, and keeps the part file', async () => {
    harness = createHarness();
    const corrupted = Buffer.from(body);
    corrupted[1_234_567] ^= 0x01;
    server.setResource('/flipped.bin', { body: corrupted, headers: { 'x-goog-hash': googHash(body) } });
    const result = await harness.download({ url: server.url('/flipped.bin'), connections: 4 });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('INTEGRITY_MISMATCH');
    expect(result.error?.message).toMatch(/^integrity mismatch: (crc32c|md5) expected/);
    expect(result.retries.some((r) => r.error.code === 'INTEGRITY_MISMATCH')).toBe(true);
    expect(fs.existsSync(path.join(harness.dir, 'flipped.bin'))).toBe(false);
    expect(fs.existsSync(path.join(harness.dir, 'flipped.bin.part'))).toBe(true);
  });

  it('checks a user-supplied sha256 and reports a mismatch with both values', async () => {
    harness = createHarness();
    server.setResource('/user.bin', { body });
    const wrong = '0'.repeat(64);
    const result = await harness.download({
      url: server.url('/user.bin'),
      checksums: [{ algorithm: 'sha256', hex: wrong }],
    });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(`expected ${wrong} got ${sha256(body)}`);
    const ok = await harness.download({
      url: server.url('/user.bin'),
      checksums: [{ algorithm: 'sha256', hex: sha256(body) }],
    });
    expect(ok.integrity.find((r) => r.algorithm === 'sha256')).toMatchObject({
      status: 'verified',
      source: 'user',
    });
  });
});

describe('pause and resume', () => {
  it('stops moving bytes while paused and completes byte-identical after resume', async () => {
    harness = createHarness();
    const body = makeTestBody(6 * 1024 * 1024, 33);
    server.setResource('/slow.bin', { body, perConnectionRateBps: 1_000_000 });
    server.reset();
    const added = await harness.engine.add({ url: server.url('/slow.bin'), connections: 4 });
    await harness.waitFor(added.id, (d) => d.status === 'downloading');
    await harness.downloadedAtLeast(added.id, 1024 * 1024 + 1);
    await harness.engine.pause(added.id);
    const paused = harness.engine.get(added.id)!;
    expect(paused.status).toBe('paused');
    const journal = JSON.parse(fs.readFileSync(path.join(harness.dir, 'slow.bin.part.json'), 'utf8'));
    const journalBytes = journal.chunks.reduce((sum: number, c: { written: number }) => sum + c.written, 0);
    expect(journalBytes).toBe(paused.downloadedBytes);
    const sentWhenPaused = server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
    await harness.engine.resume(added.id);
    const done = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
    expect(done.status).toBe('completed');
    expect(sha256(done.filePath!)).toBe(sha256(body));
    // Only what was not yet written is fetched again (plus the probe's few bytes in flight).
    const sentAfter = server.requests().reduce((sum, r) => sum + r.bytesSent, 0) - sentWhenPaused;
    expect(sentAfter).toBeLessThan(body.length - paused.downloadedBytes + 512 * 1024);
  });
});

describe('global speed limit', () => {
  it('holds all connections together to the configured total', async () => {
    harness = createHarness({ speedLimitBps: 2_000_000 });
    const body = makeTestBody(5_000_000, 44);
    server.setResource('/limited.bin', { body });
    const started = Date.now();
    const result = await harness.download({ url: server.url('/limited.bin'), connections: 4 });
    const seconds = (Date.now() - started) / 1000;
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    // 5 MB at 2 MB/s: at least ~2.5 s, allowing one second of initial burst.
    expect(seconds).toBeGreaterThan(1.5);
  });
});

describe('connection limits', () => {
  it('keeps all downloads together under the global connection cap', async () => {
    harness = createHarness({ maxConnectionsTotal: 4 });
    const first = makeTestBody(3 * 1024 * 1024, 61);
    const second = makeTestBody(3 * 1024 * 1024, 62);
    server.setResource('/cap-a.bin', { body: first, perConnectionRateBps: 2_000_000 });
    server.setResource('/cap-b.bin', { body: second, perConnectionRateBps: 2_000_000 });
    server.reset();
    const [a, b] = await Promise.all([
      harness.download({ url: server.url('/cap-a.bin'), connections: 8 }),
      harness.download({ url: server.url('/cap-b.bin'), connections: 8 }),
    ]);
    expect([a.status, b.status]).toEqual(['completed', 'completed']);
    expect(sha256(a.filePath!)).toBe(sha256(first));
    expect(sha256(b.filePath!)).toBe(sha256(second));
    // Each download's first connection is its probe; beyond that the cap holds.
    expect(server.maxConcurrentConnections()).toBeLessThanOrEqual(4 + 1);
  });
});
