// Temporary refusals of chunk requests: 500 and a rejected 206 are retried, and Retry-After on
// 429/503 is honoured as seconds or as an HTTP date before the refused request is tried again.
import { describe, expect, it } from 'vitest';
import { isChunkRetry, type DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type ResourceSpec, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(1024 * 1024 + 5, 51);

/**
 * Starts a download and, once the probe is answered, swaps in `faults` so they hit chunk requests:
 * the resource (and so its ETag) stays the same.
 */
async function faultAfterProbe(file: string, faults: ResourceSpec['faults']): Promise<DownloadSnapshot> {
  const spec: ResourceSpec = { body, perConnectionRateBps: 2_000_000 };
  server.setResource(file, spec);
  server.reset();
  const added = await harness.engine.add({
    url: server.url(file),
    connections: 2,
    chunkSizeBytes: 256 * 1024,
  });
  await harness.waitFor(added.id, (d) => d.status === 'downloading');
  server.setResource(file, { ...spec, faults });
  return harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
}

describe('Retry-After on 429 and 503', () => {
  for (const code of [503, 429] as const) {
    it(`waits the ${code}'s Retry-After seconds before retrying the chunk`, async () => {
      harness = createHarness();
      const result = await faultAfterProbe(`/after-seconds-${code}.bin`, {
        status: { code, retryAfter: '1', times: 1 },
      });
      expect(result.status).toBe('completed');
      expect(sha256(result.filePath!)).toBe(sha256(body));
      const refused = result.retries.filter(isChunkRetry).filter((r) => r.error.status === code);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.nextAttemptAt! - refused[0]!.at).toBeGreaterThanOrEqual(1_000);
      expect(result.chunks.find((c) => c.id === refused[0]!.chunkId)?.attempts).toBeGreaterThanOrEqual(2);
    });

    it(`waits until the ${code}'s Retry-After HTTP date before retrying the chunk`, async () => {
      harness = createHarness();
      // HTTP dates have whole seconds: two seconds ahead is still in the future once rounded down.
      const retryAt = new Date(Date.now() + 2_000).toUTCString();
      const result = await faultAfterProbe(`/after-date-${code}.bin`, {
        status: { code, retryAfter: retryAt, times: 1 },
      });
      expect(result.status).toBe('completed');
      expect(sha256(result.filePath!)).toBe(sha256(body));
      const refused = result.retries.filter(isChunkRetry).filter((r) => r.error.status === code);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.nextAttemptAt).toBeGreaterThanOrEqual(Date.parse(retryAt));
    });
  }
});

describe('HTTP 500', () => {
  it('retries a 500 on a chunk request and completes', async () => {
    harness = createHarness();
    const result = await faultAfterProbe('/flaky-chunk.bin', { status: { code: 500, times: 2 } });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const failures = result.retries.filter(isChunkRetry).filter((r) => r.error.status === 500);
    expect(failures).toHaveLength(2);
    expect(failures.every((r) => r.error.retryable && r.nextAttemptAt !== undefined)).toBe(true);
    expect(failures[0]!.error.message).toMatch(/HTTP 500/);
  });
});

describe('rejected responses', () => {
  it('retries a rejected 206 at once instead of waiting for a headers timeout on its connection', async () => {
    // A long headers timeout: a connection left holding the rejected body would show as TIMEOUT.
    harness = createHarness({}, { timeouts: { headersMs: 20_000, idleMs: 20_000 } });
    server.setResource('/rejected.bin', { body, faults: { extraBytes: { bytes: 4096, times: 3 } } });
    server.reset();
    const result = await harness.download({ url: server.url('/rejected.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.retries.some((r) => r.error.code === 'CONTENT_RANGE_MISMATCH')).toBe(true);
    expect(result.retries.filter((r) => r.error.code === 'TIMEOUT')).toEqual([]);
  });
});
