// A signed link that expires mid-download: the download fails with the status, and a fresh link
// for the same file lets it continue from the bytes already on disk.
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(2 * 1024 * 1024 + 9, 83);

const bytesServed = () => server.requests().reduce((sum, r) => sum + r.bytesSent, 0);

describe('an expired link', () => {
  it('recovers a download that failed on an expired link once it gets a fresh one', async () => {
    harness = createHarness();
    server.setResource('/signed.bin', { body, perConnectionRateBps: 1_000_000 });
    const added = await harness.engine.add({ url: server.url('/signed.bin'), connections: 4 });
    await harness.downloadedAtLeast(added.id, 0.4 * body.length);
    await harness.engine.pause(added.id);
    const paused = harness.engine.get(added.id)!;
    server.setResource('/signed.bin', { body, faults: { status: { code: 403 } } });
    await harness.engine.resume(added.id);
    const expired = await harness.waitFor(added.id, (d) => d.status === 'failed' || d.status === 'completed');
    expect(expired.status).toBe('failed');
    expect(expired.error).toMatchObject({ code: 'HTTP_STATUS', status: 403 });
    server.setResource('/signed.bin?fresh=1', { body, perConnectionRateBps: 1_000_000 });
    server.reset();
    await harness.engine.refreshUrl(added.id, server.url('/signed.bin?fresh=1'));
    await harness.engine.retry(added.id);
    const result = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(server.requests().every((r) => r.path === '/signed.bin?fresh=1')).toBe(true);
    expect(bytesServed()).toBeLessThan(body.length - paused.downloadedBytes + 256 * 1024);
  });
});
