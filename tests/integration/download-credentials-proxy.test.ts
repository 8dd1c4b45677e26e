import { afterEach, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy';
import { startSocks5Proxy, type Socks5Proxy } from '../support/socks5-proxy';
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

describe('downloads through a proxy', () => {
  let connect: ConnectProxy | undefined;
  let socks: Socks5Proxy | undefined;
  afterEach(async () => {
    await connect?.close();
    await socks?.close();
    connect = undefined;
    socks = undefined;
  });

  it('goes through the HTTP CONNECT proxy of the settings, every connection', async () => {
    connect = await startConnectProxy();
    harness = createHarness({ proxy: connect.url });
    const body = makeTestBody(3 * 1024 * 1024, 83);
    server.setResource('/via-connect.bin', { body });
    const result = await harness.download({ url: server.url('/via-connect.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const target = new URL(server.origin).host;
    expect(connect.tunnels.length).toBeGreaterThan(1);
    expect(connect.tunnels.every((tunnel) => tunnel === target)).toBe(true);
    expect(connect.bytesToClient()).toBeGreaterThanOrEqual(body.length);
  });

  it("goes through a download's own SOCKS5 proxy with credentials, ahead of the settings", async () => {
    socks = await startSocks5Proxy({ user: 'u', pass: 'p' });
    harness = createHarness({ proxy: 'http://127.0.0.1:9' });
    const body = makeTestBody(2 * 1024 * 1024, 84);
    server.setResource('/via-socks.bin', { body });
    const own = socks.url.replace('socks5://', 'socks5://u:p@');
    const result = await harness.download({ url: server.url('/via-socks.bin'), connections: 3, proxy: own });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(socks.destinations.length).toBeGreaterThan(1);
    expect(socks.bytesToClient()).toBeGreaterThanOrEqual(body.length);
  });

  it('uses http_proxy from the environment, except for hosts NO_PROXY lists', async () => {
    connect = await startConnectProxy();
    const body = makeTestBody(1024 * 1024, 85);
    server.setResource('/via-env.bin', { body });
    harness = createHarness({}, { proxyEnvironment: { http_proxy: connect.url } });
    const proxied = await harness.download({ url: server.url('/via-env.bin'), connections: 2 });
    expect(sha256(proxied.filePath!)).toBe(sha256(body));
    const tunnels = connect.tunnels.length;
    expect(tunnels).toBeGreaterThan(0);
    await harness.close();
    harness = createHarness({}, { proxyEnvironment: { http_proxy: connect.url, NO_PROXY: '127.0.0.1' } });
    const direct = await harness.download({ url: server.url('/via-env.bin'), connections: 2 });
    expect(sha256(direct.filePath!)).toBe(sha256(body));
    expect(connect.tunnels.length).toBe(tunnels);
  });
});
