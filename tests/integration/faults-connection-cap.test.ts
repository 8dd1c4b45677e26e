// A server that refuses connections beyond its cap: the download reduces its connection count for
// that host and carries on, instead of spending its retries on refusals and failing.
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { cappedPort, type CappedPort } from '../support/capped-port';
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

describe('a server that refuses connections beyond 2 while 2 transfer', () => {
  let capped: CappedPort | undefined;
  afterEach(async () => {
    await capped?.close();
    capped = undefined;
  });

  it('uses the 2 that work and completes, reading the refusals as its cap rather than an outage', async () => {
    harness = createHarness({ maxRetries: 1 });
    server.setResource('/cap-refused.bin', { body, perConnectionRateBps: 800_000 });
    capped = await cappedPort(Number(new URL(server.origin).port), 2);
    const limits: (number | undefined)[] = [];
    harness.engine.on('status-changed', (s: DownloadSnapshot) => limits.push(s.hostConnectionLimit));
    harness.engine.on('progressed', (batch) => {
      for (const d of batch.downloads) limits.push(d.hostConnectionLimit);
    });
    const result = await harness.download({ url: capped.url('/cap-refused.bin'), connections: 8 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    // The refusals were read as the server's cap, not as an outage that holds every connection.
    expect(limits).toContain(2);
  });
});
