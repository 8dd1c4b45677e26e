// A server that is down for a while: connections are refused, and the download keeps trying for
// the time the settings give, without spending its retry budget, then completes intact once the
// server is back, or fails with a sentence that says what happened.
import { isChunkRetry } from '../../src-shared/download-types';
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { outagePort, type OutagePort } from '../support/outage-port';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;
let outage: OutagePort | undefined;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(4 * 1024 * 1024 + 17, 61);
const OUTAGE_MS = 2_000;

function upstreamPort(): number {
  return Number(new URL(server.origin).port);
}

describe('a server that is down for a while', () => {
  it('is tried again until it is back when the download starts, and the file is intact', async () => {
    // No ordinary retries at all: only the wait for the server can get this download through.
    harness = createHarness({ maxRetries: 0, waitForServerSeconds: 10 });
    server.setResource('/later.bin', { body });
    outage = await outagePort(upstreamPort());
    // The outage is what the test simulates: the server starts listening 2 s from now.
    const back = new Promise((resolve) => setTimeout(resolve, OUTAGE_MS)).then(() => outage!.up());
    const result = await harness.download({ url: outage.url('/later.bin'), connections: 4 });
    await back;
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const refused = result.retries.filter((r) => r.error.code === 'UNREACHABLE');
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]!.error.message).toBe(
      `the server 127.0.0.1:${outage.port} refused the connection (ECONNREFUSED)`,
    );
    expect(refused.every((r) => isChunkRetry(r) && r.nextAttemptAt !== undefined)).toBe(true);
    await outage.down();
  });

  it('is waited for when it goes down in the middle of the download', async () => {
    // The cut connections are ordinary retries; the refusals after them are not.
    harness = createHarness({ maxRetries: 2, waitForServerSeconds: 10 });
    server.setResource('/midway.bin', { body, perConnectionRateBps: 512 * 1024 });
    outage = await outagePort(upstreamPort());
    await outage.up();
    const added = await harness.engine.add({ url: outage.url('/midway.bin'), connections: 4 });
    await harness.downloadedAtLeast(added.id, 256 * 1024);
    await outage.down();
    const waiting = await harness.waitForProgress(added.id, (d) => d.retryWait?.error.code === 'UNREACHABLE');
    expect(waiting.retryWait!.nextAttemptAt).toBeGreaterThan(Date.now() - 1_000);
    setTimeout(() => void outage!.up(), OUTAGE_MS);
    const result = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.retryWait).toBeUndefined();
    await outage.down();
  });

  it('fails with a clear sentence when it is still down after the wait', async () => {
    harness = createHarness({ waitForServerSeconds: 2 });
    outage = await outagePort(upstreamPort());
    const started = Date.now();
    const result = await harness.download({ url: outage.url('/never.bin') });
    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      code: 'UNREACHABLE',
      retryable: false,
      message: `the server 127.0.0.1:${outage.port} refused the connection (ECONNREFUSED); still unreachable after trying for 2 s. Check the address and that the server is up, then retry`,
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2_000);
    expect(elapsed).toBeLessThan(8_000);
  });
});
