// A connection opened ahead of its first request (`Http1Connection.warm`), against real sockets: the
// request rides the open socket, a socket the server dropped meanwhile is replaced, a failure is
// left to the request to report, and a released connection leaves nothing open.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openRequest } from '../../src-main/engine/fetch/http-request';
import { Http1Connection } from '../../src-main/engine/fetch/http1-connection';

const TIMEOUTS = { connectMs: 5000, headersMs: 5000, idleMs: 5000 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An origin answering "ok" that reports each socket it accepts and each request it serves. */
async function origin(onSocket: (socket: net.Socket, index: number) => void = () => undefined) {
  const events: string[] = [];
  let sockets = 0;
  const server = http.createServer((_req, res) => {
    events.push('request');
    res.writeHead(200, { 'Content-Length': '2' }).end('ok');
  });
  const accepted: ((socket: net.Socket) => void)[] = [];
  const all: net.Socket[] = [];
  server.on('connection', (socket) => {
    events.push('socket');
    all.push(socket);
    onSocket(socket, sockets++);
    for (const resolve of accepted.splice(0)) resolve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`;
  const nextSocket = () => new Promise<net.Socket>((resolve) => accepted.push(resolve));
  /** Resolves once every socket accepted so far has closed. */
  const allClosed = () =>
    Promise.all(
      all.map(
        (socket) => new Promise((resolve) => (socket.closed ? resolve(0) : socket.once('close', resolve))),
      ),
    );
  return { url, events, nextSocket, allClosed };
}

function warmed(url: string): Http1Connection {
  const connection = new Http1Connection();
  cleanups.push(() => connection.close());
  connection.warm({ url: new URL(url), proxy: undefined, connectMs: TIMEOUTS.connectMs });
  return connection;
}

async function fetchText(connection: Http1Connection, url: string): Promise<string> {
  const response = await openRequest({
    connection,
    url,
    engineHeaders: {},
    extraHeaders: {},
    timeouts: TIMEOUTS,
    maxRedirects: 0,
    signal: new AbortController().signal,
  });
  const parts: Buffer[] = [];
  await response.exchange.readBody(
    {
      write: (buf, start, end) => (parts.push(Buffer.from(buf.subarray(start, end))), 'more'),
      drained: () => Promise.resolve(),
    },
    TIMEOUTS.idleMs,
  );
  return Buffer.concat(parts).toString();
}

describe('a connection opened ahead of its first request', () => {
  it('is connected before the request exists, and the request rides that socket', async () => {
    const server = await origin();
    const accepted = server.nextSocket();
    const connection = warmed(server.url);
    await accepted;
    expect(server.events).toEqual(['socket']);
    expect(await fetchText(connection, server.url)).toBe('ok');
    expect(server.events).toEqual(['socket', 'request']);
  });

  it('is replaced without an error when the server dropped it before the request', async () => {
    const server = await origin((socket, index) => {
      if (index === 0) socket.destroy();
    });
    const accepted = server.nextSocket();
    const connection = warmed(server.url);
    await accepted;
    expect(await fetchText(connection, server.url)).toBe('ok');
    expect(server.events).toEqual(['socket', 'socket', 'request']);
  });

  it('leaves a failure to connect to the request, which reports it as it would have', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/file`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unwarmed = await fetchText(new Http1Connection(), url).catch((err: unknown) => err);
    const error = await fetchText(warmed(url), url).catch((err: unknown) => err);
    expect(unwarmed).toMatchObject({ code: 'UNREACHABLE' });
    expect(error).toMatchObject({ code: 'UNREACHABLE', message: (unwarmed as Error).message });
  });

  it('leaves no socket open once released while it was still connecting', async () => {
    const server = await origin();
    warmed(server.url).close();
    // A request on another connection, then closed: the server has accepted whatever came before it.
    const other = new Http1Connection();
    expect(await fetchText(other, server.url)).toBe('ok');
    other.close();
    await server.allClosed();
    expect(server.events.filter((event) => event === 'request')).toHaveLength(1);
  });
});
