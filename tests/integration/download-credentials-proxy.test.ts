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

describe('proxy configuration', () => {
  it('fails a download with a sentence naming the variable when the environment proxy is unusable', async () => {
    harness = createHarness({}, { proxyEnvironment: { http_proxy: 'ftp://proxy.example:21' } });
    server.setResource('/env-proxy.bin', { body: makeTestBody(1024, 81) });
    const result = await harness.download({ url: server.url('/env-proxy.bin') });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: /the http_proxy variable is not usable/,
    });
    expect(server.requests()).toHaveLength(0);
  });
});

describe('credentials in the URL', () => {
  it('become Basic auth on every request of the download', async () => {
    harness = createHarness();
    const body = makeTestBody(2 * 1024 * 1024, 82);
    server.setResource('/basic.bin', { body });
    server.reset();
    const url = server.url('/basic.bin').replace('http://', 'http://alice:s3cret@');
    const result = await harness.download({ url, connections: 3 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const requests = server.requests().filter((r) => r.path === '/basic.bin');
    expect(requests.length).toBeGreaterThan(1);
    const expected = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    for (const request of requests) expect(request.headers.authorization).toBe(expected);
  });
});
