// Network faults mid-transfer: resets, early closes and stalls are retried from where the bytes
// stopped, and a connection that never recovers ends in a clear TIMEOUT.
import { describe, expect, it } from 'vitest';
import { isChunkRetry, type DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type FaultSpec, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(2 * 1024 * 1024 + 11, 41);
// Short enough to keep the tests quick, long enough not to fire on a busy machine's healthy connection.
const SHORT_TIMEOUTS = { connectMs: 2_000, headersMs: 800, idleMs: 800 };

function bytesServed(file: string): number {
  return server.requests().reduce((sum, r) => (r.path === file ? sum + r.bytesSent : sum), 0);
}

/** Every chunk that logged a retry for `code` shows at least two attempts in its row. */
function expectRetriedChunks(result: DownloadSnapshot, code: string): void {
  const retried = result.retries.filter(isChunkRetry).filter((r) => r.error.code === code);
  expect(retried.length).toBeGreaterThan(0);
  for (const record of retried) {
    expect(record.attempt).toBeGreaterThanOrEqual(1);
    const chunk = result.chunks.find((c) => c.id === record.chunkId);
    if (chunk) expect(chunk.attempts).toBeGreaterThanOrEqual(2);
  }
  expect(result.chunks.some((c) => c.attempts >= 2)).toBe(true);
}

async function downloadWith(file: string, faults: FaultSpec, connections = 4): Promise<DownloadSnapshot> {
  // A modest rate keeps socket buffers from running far ahead of what the engine asked to keep.
  server.setResource(file, { body, faults, perConnectionRateBps: 4_000_000 });
  server.reset();
  return harness.download({ url: server.url(file), connections });
}

describe('connections that break mid-body', () => {
  it('resumes after the server resets the connection mid-chunk', async () => {
    harness = createHarness();
    const result = await downloadWith('/reset.bin', { resetAfterBytes: { bytes: 100_000, times: 2 } });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expectRetriedChunks(result, 'NETWORK');
    // Each reset costs at most the bytes that were in flight, never the whole chunk again.
    expect(bytesServed('/reset.bin')).toBeLessThan(body.length + 2 * 100_000 + 256 * 1024);
  });

  it('fetches the rest when the server closes cleanly before the promised length', async () => {
    harness = createHarness();
    const result = await downloadWith('/truncated.bin', { truncateAfterBytes: { bytes: 150_000, times: 3 } });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.retries.length).toBeGreaterThan(0);
    expect(result.chunks.some((c) => c.attempts >= 2)).toBe(true);
    const truncated = server.requests().filter((r) => r.bytesSent === 150_000);
    expect(truncated).toHaveLength(3);
    expect(bytesServed('/truncated.bin')).toBeLessThan(body.length + 256 * 1024);
  });
});

describe('stalled connections', () => {
  it('retries a request whose headers never come, within the headers timeout', async () => {
    harness = createHarness({}, { timeouts: SHORT_TIMEOUTS });
    const result = await downloadWith('/stall-headers.bin', {
      stallBeforeHeadersMs: { ms: 10_000, times: 2 },
    });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const timeouts = result.retries.filter((r) => r.error.code === 'TIMEOUT');
    expect(timeouts).toHaveLength(2);
    expect(timeouts[0]!.error.message).toMatch(/no response headers within 800 ms/);
  });

  it('retries a body that stops flowing, within the idle timeout, keeping what arrived', async () => {
    harness = createHarness({}, { timeouts: SHORT_TIMEOUTS });
    const result = await downloadWith('/stall-body.bin', {
      stallAfterBytes: { bytes: 100_000, ms: 10_000, times: 2 },
    });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expectRetriedChunks(result, 'TIMEOUT');
    expect(result.retries.find((r) => r.error.code === 'TIMEOUT')!.error.message).toMatch(
      /no data for 800 ms/,
    );
    expect(bytesServed('/stall-body.bin')).toBeLessThan(body.length + 2 * 100_000 + 256 * 1024);
  });

  it('fails with TIMEOUT when the headers never come, after a bounded number of tries', async () => {
    harness = createHarness({ maxRetries: 2 }, { timeouts: { ...SHORT_TIMEOUTS, headersMs: 300 } });
    const result = await downloadWith('/silent.bin', { stallBeforeHeadersMs: { ms: 30_000 } });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'TIMEOUT', message: 'no response headers within 300 ms' });
    expect(server.requests()).toHaveLength(3);
  });

  it('fails with TIMEOUT when every attempt stalls after one byte, after a bounded number of tries', async () => {
    harness = createHarness({ maxRetries: 2 }, { timeouts: { ...SHORT_TIMEOUTS, idleMs: 200 } });
    // Attempts that deliver enough bytes before stalling are progress (see faults-loops); one is not.
    const result = await downloadWith('/stall-forever.bin', { stallAfterBytes: { bytes: 1, ms: 30_000 } }, 2);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'TIMEOUT' });
    expect(result.error!.message).toMatch(/no data for 200 ms/);
    // Stalled chunks are split for idle connections, but the pieces share the download's budget.
    expect(server.requests().filter((r) => r.path === '/stall-forever.bin').length).toBeLessThan(12);
  });
});
