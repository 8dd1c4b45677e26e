import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

describe('segmented downloads are byte-identical', () => {
  const body = makeTestBody(8 * 1024 * 1024 + 123, 7);

  for (const connections of [1, 4, 8, 32]) {
    it(`with ${connections} connection(s)`, async () => {
      harness = createHarness();
      server.setResource('/file.bin', { body });
      const result = await harness.download({ url: server.url('/file.bin'), connections });
      expect(result.status).toBe('completed');
      expect(sha256(result.filePath!)).toBe(sha256(body));
      expect(result.chunks.length).toBeGreaterThanOrEqual(connections);
      const ranged = server.requests().filter((r) => r.path === '/file.bin' && r.status === 206);
      expect(ranged.length).toBeGreaterThanOrEqual(connections);
      expect(result.integrity.find((r) => r.algorithm === 'sha256')?.actual).toBe(sha256(body));
    });
  }

  for (const size of [0, 1, 1024 * 1024 + 1, 100 * 1024 * 1024]) {
    it(`of ${size} bytes`, async () => {
      harness = createHarness();
      const data = makeTestBody(size, size);
      server.setResource(`/size-${size}.bin`, { body: data });
      const result = await harness.download({ url: server.url(`/size-${size}.bin`), connections: 8 });
      expect(result.status).toBe('completed');
      expect(fs.statSync(result.filePath!).size).toBe(size);
      expect(sha256(result.filePath!)).toBe(sha256(data));
    });
  }

  it('of a real MP4 in at least 8 chunks, still a valid MP4', async () => {
    harness = createHarness();
    const video = fs.readFileSync('tests/fixtures/sample.mp4');
    server.setResource('/video.mp4', { body: video, contentType: 'video/mp4' });
    const result = await harness.download({
      url: server.url('/video.mp4'),
      connections: 8,
      chunkSizeBytes: 128 * 1024,
    });
    expect(result.status).toBe('completed');
    expect(result.chunks.length).toBeGreaterThanOrEqual(8);
    const saved = fs.readFileSync(result.filePath!);
    expect(sha256(saved)).toBe(sha256(video));
    expect(saved.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(path.basename(result.filePath!)).toBe('video.mp4');
  });
});

describe('servers without usable ranges', () => {
  const body = makeTestBody(3 * 1024 * 1024 + 5, 11);

  it('downloads in one stream from a server without range support', async () => {
    harness = createHarness();
    server.setResource('/norange.bin', { body, ranges: false });
    const result = await harness.download({ url: server.url('/norange.bin'), connections: 8 });
    expect(result.status).toBe('completed');
    expect(result.rangeSupported).toBe(false);
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(server.requests().filter((r) => r.path === '/norange.bin')).toHaveLength(1);
  });

  it('downloads in one stream when the server answers 200 to a ranged request', async () => {
    harness = createHarness();
    server.setResource('/liar.bin', { body, ignoreRangeWith200: true });
    const result = await harness.download({ url: server.url('/liar.bin'), connections: 8 });
    expect(result.status).toBe('completed');
    expect(result.rangeSupported).toBe(false);
    expect(sha256(result.filePath!)).toBe(sha256(body));
  });

  it('reads a body of unknown length to its end', async () => {
    harness = createHarness();
    server.setResource('/chunked.bin', { body, unknownLength: true });
    const result = await harness.download({ url: server.url('/chunked.bin'), connections: 8 });
    expect(result.status).toBe('completed');
    expect(result.totalBytes).toBeUndefined();
    expect(sha256(result.filePath!)).toBe(sha256(body));
  });
});

describe('redirects', () => {
  it('follows a redirect chain and sends every ranged request to the final URL', async () => {
    harness = createHarness();
    const body = makeTestBody(2 * 1024 * 1024, 3);
    server.setResource('/final/data.bin', { body });
    server.setRedirect('/start', '/middle', 302);
    server.setRedirect('/middle', '/final/data.bin', 301);
    server.reset();
    const result = await harness.download({ url: server.url('/start'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(result.finalUrl).toBe(server.url('/final/data.bin'));
    expect(path.basename(result.filePath!)).toBe('data.bin');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const ranged = server.requests().filter((r) => r.range && r.range !== 'bytes=0-');
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.every((r) => r.path === '/final/data.bin')).toBe(true);
  });

  it('fails with a clear error on a redirect loop', async () => {
    harness = createHarness();
    server.setRedirect('/loop-a', '/loop-b');
    server.setRedirect('/loop-b', '/loop-a');
    const result = await harness.download({ url: server.url('/loop-a') });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(result.error?.message).toMatch(/redirect loop/);
  });
});
