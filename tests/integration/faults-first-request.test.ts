// Refusals of the very first request (the probe): a 500 or a 503 with Retry-After is retried like
// any other request instead of failing the download.
import { describe, expect, it } from 'vitest';
import { isChunkRetry } from '../../src-shared/download-types';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(1024 * 1024 + 5, 51);

describe('refusals of the first request', () => {
  it('retries a 500 on the first request and completes', async () => {
    harness = createHarness();
    server.setResource('/flaky-probe.bin', { body, faults: { status: { code: 500, times: 2 } } });
    server.reset();
    const result = await harness.download({ url: server.url('/flaky-probe.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.retries.filter((r) => r.error.status === 500)).toHaveLength(2);
    expect(server.requests().filter((r) => r.status === 500)).toHaveLength(2);
  });

  it('honours Retry-After on a 503 to the very first request, then completes', async () => {
    harness = createHarness();
    server.setResource('/busy-first.bin', {
      body,
      faults: { status: { code: 503, retryAfter: '1', times: 1 } },
    });
    server.reset();
    const result = await harness.download({ url: server.url('/busy-first.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const refused = result.retries.filter(isChunkRetry).filter((r) => r.error.status === 503);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.nextAttemptAt! - refused[0]!.at).toBeGreaterThanOrEqual(1_000);
  });
});
