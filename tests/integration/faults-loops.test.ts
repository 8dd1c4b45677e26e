// Servers that would keep a download busy forever: every loop ends within a bounded number of
// requests and bytes the server sent, with a clear error, and progress counts as success.
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';
import type { BadFraming, ContentRangeLie } from '../support/test-server-types';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const MiB = 1024 * 1024;
const body = makeTestBody(4 * MiB + 5, 91);

function bytesSent(): number {
  return server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
}

describe('a retry budget per download, where progress counts as success', () => {
  it('completes when every response is cut short but each one still delivers data', async () => {
    harness = createHarness({ maxRetries: 2 });
    server.setResource('/cut-short.bin', { body, faults: { truncateAfterBytes: { bytes: 200_000 } } });
    server.reset();
    const result = await harness.download({ url: server.url('/cut-short.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(bytesSent()).toBeLessThan(2 * body.length);
  });

  it('fails within the budget, splits included, when no response delivers a byte', async () => {
    harness = createHarness({ maxRetries: 2 });
    server.setResource('/nothing.bin', { body, faults: { truncateAfterBytes: { bytes: 0 } } });
    server.reset();
    const result = await harness.download({ url: server.url('/nothing.bin'), connections: 4 });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'NETWORK' });
    expect(result.error!.message).toMatch(/closed before/);
    // The first request, then at most twice the retry budget for the whole download plus the
    // requests already in flight on the other connections.
    expect(server.requests().length).toBeLessThanOrEqual(1 + 2 * 2 + 4);
  });
});

describe('whole-file responses that are always short', () => {
  for (const [name, missing] of [
    ['a little short', 1000],
    ['one byte short of its Content-Length', 1],
  ] as const) {
    it(`fails with a clear error, not restarting from byte 0 forever, on a response ${name}`, async () => {
      harness = createHarness({ maxRetries: 2 });
      const path = `/short-${missing}.bin`;
      server.setResource(path, {
        body,
        ranges: false,
        faults: { truncateAfterBytes: { bytes: body.length - missing } },
      });
      server.reset();
      const result = await harness.download({ url: server.url(path), connections: 4 });
      expect(result.status).toBe('failed');
      expect(result.error).toMatchObject({ code: 'NETWORK' });
      expect(result.error!.message).toMatch(
        new RegExp(`closed ${missing} bytes early|before the response body`),
      );
      // Once to reach the furthest byte, then the retry budget: each restart that gets no further
      // is a failed attempt.
      expect(server.requests().length).toBeLessThanOrEqual(1 + 2);
      expect(bytesSent()).toBeLessThanOrEqual(3 * body.length);
    });
  }
});

describe('a server that keeps lying about Content-Range', () => {
  const big = makeTestBody(16 * MiB + 7, 93);
  const lies: ContentRangeLie[] = ['offset', 'missing', 'malformed', 'star', 'superset'];

  for (const kind of lies) {
    it(`finishes from the first response after a few wrong ranges (${kind}), sending at most 1.3× the file`, async () => {
      harness = createHarness();
      const path = `/lie-${kind}.bin`;
      // The first response streams at 16 MB/s, so it is still open when ranges stop being trusted.
      server.setResource(path, {
        body: big,
        slowConnections: { indices: [1], rateBps: 16 * MiB },
        faults: { contentRangeLie: { kind } },
      });
      server.reset();
      const result = await harness.download({ url: server.url(path), connections: 4 });
      expect(result.status).toBe('completed');
      expect(sha256(result.filePath!)).toBe(sha256(big));
      expect(result.retries.some((r) => r.error.code === 'CONTENT_RANGE_MISMATCH')).toBe(true);
      expect(result.retries.at(-1)!.error.message).toMatch(/first response continues as one stream/);
      // The first response carried the whole file; the rest is the few lying windows.
      expect(server.requests()[0]!.bytesSent).toBe(big.length);
      expect(bytesSent()).toBeLessThanOrEqual(1.3 * big.length);
    });
  }

  it('pauses and resumes a download finishing as one stream, and still ends verified', async () => {
    harness = createHarness();
    server.setResource('/lie-pause.bin', {
      body: big,
      slowConnections: { indices: [1], rateBps: 16 * MiB },
      faults: { contentRangeLie: { kind: 'star' } },
    });
    server.reset();
    const added = await harness.engine.add({ url: server.url('/lie-pause.bin'), connections: 4 });
    await harness.downloadedAtLeast(added.id, big.length / 2);
    await harness.engine.pause(added.id);
    const paused = harness.engine.get(added.id)!;
    // What the journal keeps is the one stream from byte 0, not the abandoned chunks.
    expect(paused.chunks.map((c) => [c.start, c.end])).toEqual([[0, big.length - 1]]);
    await harness.engine.resume(added.id);
    const result = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(big));
  });

  it('fetches the file once more without Range when the first response is already gone, sending at most 2.2× the file', async () => {
    harness = createHarness();
    server.setResource('/lie-late.bin', {
      body: big,
      faults: { contentRangeLie: { kind: 'star' }, truncateAfterBytes: { bytes: MiB, times: 1 } },
    });
    server.reset();
    const result = await harness.download({ url: server.url('/lie-late.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(big));
    expect(result.retries.some((r) => r.error.code === 'CONTENT_RANGE_MISMATCH')).toBe(true);
    expect(server.requests().at(-1)!.range).toBeUndefined();
    expect(server.requests().length).toBeLessThanOrEqual(12);
    expect(bytesSent()).toBeLessThanOrEqual(2.2 * big.length);
  });
});

describe('malformed responses', () => {
  for (const kind of ['duplicate-length', 'bad-chunk-size'] as BadFraming[]) {
    it(`fails with PROTOCOL_ERROR after a short budget on a ${kind} response`, async () => {
      harness = createHarness();
      server.setResource(`/framing-${kind}.bin`, { body, faults: { badFraming: { kind } } });
      server.reset();
      const result = await harness.download({ url: server.url(`/framing-${kind}.bin`) });
      expect(result.status).toBe('failed');
      expect(result.error).toMatchObject({ code: 'PROTOCOL_ERROR' });
      expect(result.error!.message).toMatch(/invalid HTTP response/);
      // The first attempt and two retries, not the eight a network failure gets.
      expect(server.requests().length).toBe(3);
    });
  }
});
