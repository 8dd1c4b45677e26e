// The stall timeout as the user sets it (`timeoutSeconds`, the CLI's --timeout): an attempt that
// gets no byte for that long is ended and retried, keeping what arrived.
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(2 * 1024 * 1024 + 9, 62);

describe('the timeout setting', () => {
  it('retries a response that stalls after some bytes once the set timeout passes', async () => {
    // No finer engine option: the 1 s comes from the setting alone.
    harness = createHarness({ timeoutSeconds: 1 }, { timeouts: {} });
    server.setResource('/stalls.bin', {
      body,
      faults: { stallAfterBytes: { bytes: 100_000, ms: 20_000, times: 1 } },
    });
    server.reset();
    const started = Date.now();
    const result = await harness.download({ url: server.url('/stalls.bin'), connections: 2 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const stalls = result.retries.filter((r) => r.error.code === 'TIMEOUT');
    expect(stalls).toHaveLength(1);
    expect(stalls[0]!.error.message).toMatch(/no data for 1000 ms/);
    // Far less than the 20 s the server would have kept silent.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('retries a request whose headers do not come within the set timeout', async () => {
    harness = createHarness({ timeoutSeconds: 1 }, { timeouts: {} });
    server.setResource('/silent-once.bin', {
      body,
      faults: { stallBeforeHeadersMs: { ms: 20_000, times: 1 } },
    });
    server.reset();
    const result = await harness.download({ url: server.url('/silent-once.bin'), connections: 2 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.retries.map((r) => r.error.message)).toEqual(['no response headers within 1000 ms']);
  });
});
