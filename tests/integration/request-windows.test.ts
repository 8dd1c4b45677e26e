// A connection sizes its requests by its own speed, and keeps that size from one chunk to the next:
// on a fast link each chunk after the first window is one request, not a small first window again.
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody } from '../support/test-body';
import type { TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness | undefined;
useTestServer(
  (started) => (server = started),
  () => harness,
);

const MIB = 1024 * 1024;

describe('request windows', () => {
  it('asks for each later chunk in one request once the connection has shown its speed', async () => {
    harness = createHarness();
    const body = makeTestBody(32 * MIB, 91);
    server.setResource('/windows.bin', { body });
    server.reset();
    const added = await harness.engine.add({
      url: server.url('/windows.bin'),
      connections: 2,
      chunkSizeBytes: 4 * MIB,
    });
    const done = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
    expect(done.status).toBe('completed');
    expect(sha256(done.filePath!)).toBe(sha256(body));
    const ranged = server.requests().filter((r) => r.path === '/windows.bin' && r.range !== undefined);
    // 8 chunks: the first request runs on as chunk 0; each connection's first window is 1 MiB, then
    // every chunk it takes is one request (a window per chunk on localhost, which is far above 8 MB/s).
    expect(ranged.length).toBeLessThanOrEqual(8 + 2);
  });
});
