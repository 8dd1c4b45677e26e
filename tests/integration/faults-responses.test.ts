// Responses that do not match what was asked: a wrong Content-Range, more bytes than asked and gzip
// on a range are never written as the file, while an honest superset or a range shifted back is
// placed by its Content-Range; redirect loops and chains end with a clear error.
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(2 * 1024 * 1024 + 3, 71);

describe('responses for the wrong bytes', () => {
  it('places a 206 for the neighbouring range before the ask by its Content-Range instead of retrying', async () => {
    harness = createHarness();
    server.setResource('/shifted.bin', { body, faults: { wrongContentRange: { times: 3 } } });
    server.reset();
    const result = await harness.download({ url: server.url('/shifted.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    // Only an answer that misses the first asked byte is refused: a one-byte tail left by a split
    // shifted back by one shares no byte with the ask.
    for (const retry of result.retries.filter((r) => r.error.code === 'CONTENT_RANGE_MISMATCH')) {
      const [asked, sentEnd] = /bytes (\d+)-\d+, got Content-Range "bytes \d+-(\d+)\//
        .exec(retry.error.message)!
        .slice(1)
        .map(Number);
      expect(sentEnd).toBeLessThan(asked!);
    }
  });

  it('keeps the asked bytes of an honest superset and writes nothing outside the range', async () => {
    harness = createHarness();
    server.setResource('/superset.bin', { body, faults: { supersetRange: { bytes: 4096 } } });
    server.reset();
    const result = await harness.download({ url: server.url('/superset.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(fs.statSync(result.filePath!).size).toBe(body.length);
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.retries.filter((r) => r.error.code === 'CONTENT_RANGE_MISMATCH')).toEqual([]);
    // Each request carries at most 8 KiB it was not asked for, not a second copy of its range.
    const ranged = server.requests().filter((r) => r.status === 206).length;
    const sent = server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
    expect(sent).toBeLessThanOrEqual(2 * body.length + ranged * 8192);
  });

  it('rejects a 206 for the neighbouring range after the ask and fetches the right one', async () => {
    harness = createHarness();
    server.setResource('/wrong-range.bin', {
      body,
      faults: { wrongContentRange: { times: 3, direction: 'after' } },
    });
    server.reset();
    const result = await harness.download({ url: server.url('/wrong-range.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const rejected = result.retries.filter((r) => r.error.code === 'CONTENT_RANGE_MISMATCH');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]!.error.message).toMatch(
      /^asked for bytes \d+-\d+, got Content-Range "bytes \d+-\d+\/\d+"/,
    );
  });

  it('never writes bytes past the asked range when a 206 carries extra bytes', async () => {
    harness = createHarness();
    server.setResource('/extra.bin', { body, faults: { extraBytes: { bytes: 4096, times: 4 } } });
    server.reset();
    const result = await harness.download({ url: server.url('/extra.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    // The last range's extra bytes lie past the end of the file: writing them would grow it.
    expect(fs.statSync(result.filePath!).size).toBe(body.length);
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const rejected = result.retries.filter((r) => r.error.code === 'CONTENT_RANGE_MISMATCH');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]!.error.message).toMatch(/^Content-Length \d+ does not match Content-Range/);
  });

  it('saves the original bytes when the server gzips ranged responses', async () => {
    harness = createHarness();
    server.setResource('/gzip.bin', { body, faults: { gzipRanged: true } });
    server.reset();
    const result = await harness.download({ url: server.url('/gzip.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(fs.statSync(result.filePath!).size).toBe(body.length);
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(server.requests().every((r) => r.acceptEncoding === 'identity')).toBe(true);
  });

  it('decodes a whole-file response sent gzip-encoded regardless, never saving the encoded bytes', async () => {
    harness = createHarness();
    server.setResource('/gzip-forced.bin', {
      body: gzipSync(body),
      ranges: false,
      headers: { 'Content-Encoding': 'gzip' },
    });
    const result = await harness.download({ url: server.url('/gzip-forced.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(fs.statSync(result.filePath!).size).toBe(body.length);
    expect(sha256(result.filePath!)).toBe(sha256(body));
  });
});

describe('servers that cap connections', () => {
  for (const mode of ['503', 'reset'] as const) {
    it(`completes without hammering a server capped at 2 connections that answers extras with ${mode}`, async () => {
      harness = createHarness();
      server.setResource(`/capped-${mode}.bin`, {
        body,
        perConnectionRateBps: 4_000_000,
        faults: { maxConnections: { max: 2, mode } },
      });
      server.reset();
      const result = await harness.download({ url: server.url(`/capped-${mode}.bin`), connections: 8 });
      expect(result.status).toBe('completed');
      expect(sha256(result.filePath!)).toBe(sha256(body));
      expect(server.requests().length).toBeLessThan(60);
    });
  }
});

describe('redirects that never end', () => {
  it('fails with TOO_MANY_REDIRECTS on a URL that redirects to itself', async () => {
    harness = createHarness();
    server.setRedirect('/self', '/self', 307);
    server.reset();
    const result = await harness.download({ url: server.url('/self') });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'TOO_MANY_REDIRECTS', retryable: false });
    expect(result.error!.message).toMatch(/redirect loop/);
    expect(server.requests().length).toBeLessThanOrEqual(2);
  });

  it('fails with TOO_MANY_REDIRECTS after ten redirects, and follows exactly ten', async () => {
    harness = createHarness();
    server.setResource('/chain-end.bin', { body: makeTestBody(1000, 72) });
    for (let i = 0; i < 11; i++)
      server.setRedirect(`/hop-${i}`, i === 10 ? '/chain-end.bin' : `/hop-${i + 1}`);
    const tooLong = await harness.download({ url: server.url('/hop-0') });
    expect(tooLong.status).toBe('failed');
    expect(tooLong.error).toMatchObject({ code: 'TOO_MANY_REDIRECTS', message: 'more than 10 redirects' });
    const justEnough = await harness.download({ url: server.url('/hop-1') });
    expect(justEnough.status).toBe('completed');
    expect(sha256(justEnough.filePath!)).toBe(sha256(makeTestBody(1000, 72)));
  });
});
