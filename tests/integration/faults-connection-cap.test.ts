// A server that refuses connections beyond its cap: the download reduces its connection count for
// that host and carries on, instead of spending its retries on refusals and failing.
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(2 * 1024 * 1024, 73);

describe('a server capped at 2 connections', () => {
  for (const mode of ['503', 'reset'] as const) {
    it(`completes with only one retry allowed when extra connections get ${mode}`, async () => {
      // One retry per chunk: refusals must shrink the connection count, not use up the retries.
      harness = createHarness({ maxRetries: 1 });
      server.setResource(`/cap-${mode}.bin`, {
        body,
        perConnectionRateBps: 800_000,
        faults: { maxConnections: { max: 2, mode } },
      });
      server.reset();
      const result = await harness.download({ url: server.url(`/cap-${mode}.bin`), connections: 8 });
      expect(result.status).toBe('completed');
      expect(sha256(result.filePath!)).toBe(sha256(body));
      const refused = server.requests().filter((r) => r.status === 503 || r.status === 0);
      expect(refused.length).toBeLessThanOrEqual(12);
    });
  }
});
