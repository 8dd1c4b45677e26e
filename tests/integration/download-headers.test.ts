import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

describe('a download with extra request headers', () => {
  const body = makeTestBody(3 * 1024 * 1024 + 17, 3);

  it('sends them on every request, the first one included, and keeps the engine its own Range', async () => {
    harness = createHarness();
    server.reset();
    server.setResource('/private.bin', { body });
    const result = await harness.download({
      url: server.url('/private.bin'),
      connections: 4,
      chunkSizeBytes: 512 * 1024,
      headers: { Cookie: 'session=abc', Referer: 'https://site.example/page', Range: 'bytes=0-9' },
    });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const requests = server.requests().filter((r) => r.path === '/private.bin');
    expect(requests.length).toBeGreaterThan(4);
    for (const request of requests) {
      expect(request.headers.cookie).toBe('session=abc');
      expect(request.headers.referer).toBe('https://site.example/page');
      expect(request.range).not.toBe('bytes=0-9');
    }
  });

  it('drops Cookie and Authorization when a redirect leads to another origin', async () => {
    harness = createHarness();
    server.reset();
    server.setResource('/moved.bin', { body });
    // Same server, other origin: "localhost" instead of "127.0.0.1".
    server.setRedirect('/start.bin', server.url('/moved.bin').replace('127.0.0.1', 'localhost'));
    const result = await harness.download({
      url: server.url('/start.bin'),
      connections: 2,
      headers: { Cookie: 'session=abc', Authorization: 'Bearer t', 'X-Trace': 'kept' },
    });
    expect(result.status).toBe('completed');
    const first = server.requests().find((r) => r.path === '/start.bin')!;
    expect(first.headers.cookie).toBe('session=abc');
    const moved = server.requests().filter((r) => r.path === '/moved.bin');
    expect(moved.length).toBeGreaterThan(0);
    for (const request of moved) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-trace']).toBe('kept');
    }
  });
});
