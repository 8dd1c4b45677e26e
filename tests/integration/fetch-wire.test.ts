// The chunk worker's HTTP layer on real sockets: keep-alive, the user's headers and credentials,
// redirects across origins, and HTTP CONNECT and SOCKS5 proxies.
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRequest, type OpenRequest } from '../../src-main/engine/fetch/http-request';
import { Http1Connection } from '../../src-main/engine/fetch/http1-connection';
import type { BodySink } from '../../src-main/engine/fetch/http1-exchange';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy';
import { startSocks5Proxy, type Socks5Proxy } from '../support/socks5-proxy';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

const TIMEOUTS = { connectMs: 5000, headersMs: 5000, idleMs: 5000 };
const BODY = makeTestBody(3 * 1024 * 1024 + 17);
let server: TestServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  server = await startTestServer();
  server.setResource('/file.bin', { body: BODY });
});
afterAll(() => server.close());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A sink that keeps the whole body in memory. */
function collect(): BodySink & { bytes(): Buffer } {
  const parts: Buffer[] = [];
  return {
    write: (buf, start, end) => (parts.push(Buffer.from(buf.subarray(start, end))), 'more'),
    drained: () => Promise.resolve(),
    bytes: () => Buffer.concat(parts),
  };
}

function request(connection: Http1Connection, url: string, extra: Partial<OpenRequest> = {}) {
  return openRequest({
    connection,
    url,
    engineHeaders: {},
    extraHeaders: {},
    timeouts: TIMEOUTS,
    maxRedirects: 5,
    signal: new AbortController().signal,
    ...extra,
  });
}

async function fetchAll(connection: Http1Connection, url: string, extra: Partial<OpenRequest> = {}) {
  const response = await request(connection, url, extra);
  const sink = collect();
  await response.exchange.readBody(sink, TIMEOUTS.idleMs);
  return { ...response, body: sink.bytes() };
}

/** An origin that records the headers of every request and answers 200 "ok" (or redirects). */
async function headerEcho(redirectTo?: string) {
  const seen: http.IncomingHttpHeaders[] = [];
  const echo = http.createServer((req, res) => {
    seen.push(req.headers);
    if (redirectTo && req.url === '/start') res.writeHead(302, { Location: redirectTo }).end();
    else res.writeHead(200, { 'Content-Length': '2' }).end('ok');
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => echo.close(() => resolve())));
  return { origin: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`, seen };
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('Http1Connection', () => {
  it('runs ranged GETs one after another on one keep-alive socket', async () => {
    server.reset();
    const connection = new Http1Connection();
    cleanups.push(() => connection.close());
    const parts: Buffer[] = [];
    for (const [start, end] of [
      [0, 999_999],
      [1_000_000, 2_999_999],
      [3_000_000, BODY.length - 1],
    ]) {
      const response = await fetchAll(connection, server.url('/file.bin'), {
        engineHeaders: { Range: `bytes=${start}-${end}` },
      });
      expect(response.status).toBe(206);
      parts.push(response.body);
    }
    expect(sha(Buffer.concat(parts))).toBe(sha(BODY));
    expect(server.connectionsOpened()).toBe(1);
  });

  it('opens a fresh socket when the server closed the idle one', async () => {
    const connection = new Http1Connection();
    cleanups.push(() => connection.close());
    let sockets = 0;
    const closing = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '2' }).end('ok');
      // Closes the kept-alive socket right after the response, as servers with short idle timeouts do.
      res.socket?.end();
    });
    closing.on('connection', () => sockets++);
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => closing.close(() => resolve())));
    const url = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/`;
    expect((await fetchAll(connection, url)).body.toString()).toBe('ok');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await fetchAll(connection, url)).body.toString()).toBe('ok');
    expect(sockets).toBe(2);
  });

  it('fails a body that stops arriving with a retryable TIMEOUT', async () => {
    const stalling = net.createServer((socket) => {
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc'));
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => stalling.close(() => resolve())));
    const connection = new Http1Connection();
    cleanups.push(() => connection.close());
    const response = await request(
      connection,
      `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/`,
    );
    const sink = collect();
    const error = await response.exchange.readBody(sink, 100).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(sink.bytes().toString()).toBe('abc');
  });
});

describe("the user's headers and credentials", () => {
  it('sends extra headers on every request and drops the ones the engine owns', async () => {
    const echo = await headerEcho();
    const connection = new Http1Connection();
    cleanups.push(() => connection.close());
    const extraHeaders = {
      Cookie: 'session=1',
      Referer: 'https://example.test/page',
      'User-Agent': 'Browser/1.0',
      'X-Custom': 'yes',
      Range: 'bytes=5-',
      'If-Range': '"x"',
      'Accept-Encoding': 'gzip',
      Connection: 'close',
      Host: 'evil.test',
      'Content-Length': '5',
      'Transfer-Encoding': 'chunked',
    };
    await fetchAll(connection, `${echo.origin}/a`, { extraHeaders });
    await fetchAll(connection, `${echo.origin}/b`, { extraHeaders, engineHeaders: { Range: 'bytes=0-1' } });
    for (const headers of echo.seen) {
      expect(headers).toMatchObject({
        cookie: 'session=1',
        referer: 'https://example.test/page',
        'user-agent': 'Browser/1.0',
        'x-custom': 'yes',
        'accept-encoding': 'identity',
        host: echo.origin.slice('http://'.length),
      });
      expect(headers).not.toHaveProperty('if-range');
      expect(headers).not.toHaveProperty('connection');
      expect(headers).not.toHaveProperty('content-length');
      expect(headers).not.toHaveProperty('transfer-encoding');
    }
    expect(echo.seen[0]).not.toHaveProperty('range');
    expect(echo.seen[1]!.range).toBe('bytes=0-1');
  });

  it('turns user:password in the URL into Basic credentials', async () => {
    const echo = await headerEcho();
    const url = echo.origin.replace('http://', 'http://alice:s%40cret@');
    await fetchAll(new Http1Connection(), `${url}/file`);
    expect(echo.seen[0]!.authorization).toBe(`Basic ${Buffer.from('alice:s@cret').toString('base64')}`);
  });

  it('drops Authorization and Cookie after a redirect to another origin, and keeps the rest', async () => {
    const other = await headerEcho();
    const first = await headerEcho(`${other.origin}/landed`);
    const url = first.origin.replace('http://', 'http://alice:pw@');
    const response = await fetchAll(new Http1Connection(), `${url}/start`, {
      extraHeaders: { Authorization: 'Bearer token', Cookie: 'a=1', 'X-Custom': 'yes' },
    });
    expect(response.finalUrl).toBe(`${other.origin}/landed`);
    expect(first.seen[0]).toMatchObject({ authorization: 'Bearer token', cookie: 'a=1' });
    expect(other.seen[0]).toMatchObject({ 'x-custom': 'yes' });
    expect(other.seen[0]).not.toHaveProperty('authorization');
    expect(other.seen[0]).not.toHaveProperty('cookie');
  });

  it('never puts the URL credentials into an error message', async () => {
    server.setRedirect('/loop-a', '/loop-b');
    server.setRedirect('/loop-b', '/loop-a');
    const url = server.url('/loop-a').replace('http://', 'http://alice:topsecret@');
    const error = await request(new Http1Connection(), url).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'TOO_MANY_REDIRECTS' });
    expect((error as Error).message).not.toContain('topsecret');
  });

  it('names the looping link in the error without its signature', async () => {
    const signed = '/signed-a?X-Amz-Expires=60&X-Amz-Signature=f00d';
    server.setRedirect('/signed-a', '/signed-b');
    server.setRedirect('/signed-b', signed);
    const error = await request(new Http1Connection(), server.url(signed)).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'TOO_MANY_REDIRECTS' });
    expect((error as Error).message).toContain('/signed-a?X-Amz-Expires=60&X-Amz-Signature=***');
    expect((error as Error).message).not.toContain('f00d');
  });

  it('refuses a header value with a line break instead of sending a second header', async () => {
    const echo = await headerEcho();
    const error = await request(new Http1Connection(), `${echo.origin}/x`, {
      extraHeaders: { 'X-Evil': 'a\r\nInjected: 1' },
    }).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(echo.seen).toHaveLength(0);
  });
});

describe('through an HTTP CONNECT proxy', () => {
  let proxy: ConnectProxy;
  beforeAll(async () => {
    proxy = await startConnectProxy('proxyuser:proxypass');
  });
  afterAll(() => proxy.close());

  it('downloads the exact bytes through the tunnel, with the proxy credentials', async () => {
    const connection = new Http1Connection();
    cleanups.push(() => connection.close());
    const proxyUrl = proxy.url.replace('http://', 'http://proxyuser:proxypass@');
    const response = await fetchAll(connection, server.url('/file.bin'), { proxy: proxyUrl });
    expect(sha(response.body)).toBe(sha(BODY));
    expect(proxy.tunnels).toEqual([server.origin.slice('http://'.length)]);
    expect(proxy.bytesToClient()).toBeGreaterThan(BODY.length);
  });

  it('reports a proxy that refuses the credentials', async () => {
    const error = await request(new Http1Connection(), server.url('/file.bin'), { proxy: proxy.url }).catch(
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ code: 'NETWORK', status: 407 });
    expect((error as Error).message).toMatch(/refused the tunnel/);
  });
});

describe('through a SOCKS5 proxy', () => {
  let proxy: Socks5Proxy;
  beforeAll(async () => {
    proxy = await startSocks5Proxy({ user: 'sockuser', pass: 'sockpass' });
  });
  afterAll(() => proxy.close());

  it('downloads the exact bytes, resolving the host itself with socks5://', async () => {
    const connection = new Http1Connection();
    cleanups.push(() => connection.close());
    const port = new URL(server.origin).port;
    const proxyUrl = proxy.url.replace('socks5://', 'socks5://sockuser:sockpass@');
    const response = await fetchAll(connection, `http://localhost:${port}/file.bin`, { proxy: proxyUrl });
    expect(sha(response.body)).toBe(sha(BODY));
    expect(proxy.destinations.at(-1)).toMatch(new RegExp(`^(127\\.0\\.0\\.1|::1):${port}$`));
    expect(proxy.bytesToClient()).toBeGreaterThan(BODY.length);
  });

  it('leaves name resolution to the proxy with socks5h://', async () => {
    const connection = new Http1Connection();
    cleanups.push(() => connection.close());
    const port = new URL(server.origin).port;
    const proxyUrl = proxy.url.replace('socks5://', 'socks5h://sockuser:sockpass@');
    const response = await fetchAll(connection, `http://localhost:${port}/file.bin`, {
      proxy: proxyUrl,
      engineHeaders: { Range: 'bytes=0-99' },
    });
    expect(response.body).toEqual(BODY.subarray(0, 100));
    expect(proxy.destinations.at(-1)).toBe(`localhost:${port}`);
  });

  it('reports wrong proxy credentials without showing them', async () => {
    const proxyUrl = proxy.url.replace('socks5://', 'socks5://sockuser:wrongpass@');
    const error = await request(new Http1Connection(), server.url('/file.bin'), { proxy: proxyUrl }).catch(
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect((error as Error).message).toMatch(/SOCKS5 proxy/);
    expect((error as Error).message).not.toContain('wrongpass');
  });
});
