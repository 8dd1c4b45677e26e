import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WsServerMessage } from '../../src-shared/ipc-contract';
import { createRequestRouter } from '../../src-main/host/request-router';
import { createSettingsStore } from '../../src-main/host/settings-store';
import { startServeServer, type ServeServer } from '../../src-main/serve/serve-server';
import { createFakeEngine, type FakeEngine } from '../support/fake-engine';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so paths like `/../x` and forged Host headers reach the server unchanged. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Connection = { ws: WebSocket; messages: WsServerMessage[] } | { refused: number };

interface ConnectOptions {
  origin?: string;
  host?: string;
  cookie?: string;
}

function socketFor(url: string, options: ConnectOptions): WebSocket {
  return new WebSocket(url, {
    origin: options.origin,
    headers: {
      ...(options.host ? { Host: options.host } : {}),
      ...(options.cookie ? { Cookie: options.cookie } : {}),
    },
  });
}

function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const ws = socketFor(url, options);
    const messages: WsServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as WsServerMessage));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', reject);
  });
}

/** The close code of a socket the server accepts only to close it, with every message it sent. */
function closedWith(url: string, options: ConnectOptions): Promise<{ code: number; messages: number }> {
  return new Promise((resolve, reject) => {
    const ws = socketFor(url, options);
    let messages = 0;
    ws.on('message', () => messages++);
    ws.on('close', (code) => resolve({ code, messages }));
    ws.on('error', reject);
  });
}

async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting for a message');
}

describe('pdl serve server', () => {
  let dir: string;
  let engine: FakeEngine;
  let server: ServeServer;
  let origin: string;
  let wsUrl: string;
  let cookie: string;
  let now: number;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-serve-'));
    const rendererDir = join(dir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Parallel Downloader</title>');
    await writeFile(join(rendererDir, 'assets', 'app-1234.js'), 'console.log("ui")');
    await writeFile(join(dir, 'secret.txt'), 'do not serve me');
    engine = createFakeEngine();
    const settings = createSettingsStore({ filePath: join(dir, 'settings.json'), engine, stored: {} });
    const shell = {
      openPath: async () => {},
      showItemInFolder: async () => {},
      chooseFolder: async () => null,
    };
    const router = createRequestRouter({ engine, settings, shell });
    now = 1_000_000;
    server = await startServeServer({
      engine,
      settings,
      router,
      rendererDir,
      port: 0,
      host: '127.0.0.1',
      now: () => now,
    });
    origin = `http://127.0.0.1:${server.port}`;
    wsUrl = `ws://127.0.0.1:${server.port}/ws`;
    const signIn = await rawGet(server.port, `/?token=${server.token}`, { Host: `127.0.0.1:${server.port}` });
    cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  });

  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL that carries a 32-byte random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
  });

  it('serves the UI with a strict CSP, nosniff and no referrer', async () => {
    const page = await rawGet(server.port, '/', { Host: `127.0.0.1:${server.port}`, Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Parallel Downloader</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${server.port}`,
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const script = await rawGet(server.port, '/assets/app-1234.js', { Host: `localhost:${server.port}` });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the UI folder', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
    ]) {
      const response = await rawGet(server.port, path, host);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain('do not serve me');
    }
  });

  it('refuses HTTP requests whose Host is not this server (DNS rebinding) and non-GET methods', async () => {
    expect((await rawGet(server.port, '/', { Host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await rawGet(server.port, '/', { Host: `127.0.0.1:${server.port}` }, 'POST')).status).toBe(405);
  });

  it('trades the token once for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    const signIn = await rawGet(server.port, `/?view=done&token=${server.token}`, host);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/?view=done');
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(
      new RegExp(`^pdl_session_${server.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    expect(setCookie).not.toContain(server.token);
    expect(signIn.headers['cache-control']).toBe('no-store');
  });

  it('shows a page that says what to do for a wrong token, not the app', async () => {
    const wrong = await rawGet(server.port, `/?token=${'x'.repeat(43)}`, {
      Host: `127.0.0.1:${server.port}`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('This link does not open Parallel Downloader');
    expect(wrong.body).toContain('Open the address that pdl serve printed');
  });

  it('slows down repeated wrong tokens, even refusing the right one until the wait is over', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    const attempt = (token: string) => rawGet(server.port, `/?token=${token}`, host);
    for (let i = 0; i < 4; i++) expect((await attempt(`wrong${i}`)).status).toBe(401);
    const blocked = await attempt(server.token);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.body).toContain('Wait 1 s');
    now += 1_000;
    expect((await attempt('wrong-again')).status).toBe(401);
    expect((await attempt(server.token)).status).toBe(429);
    now += 2_000;
    expect((await attempt(server.token)).status).toBe(303);
    expect((await attempt('wrong-after-success')).status).toBe(401);
  });

  it('closes WebSocket connections without a valid session cookie, and refuses a foreign Origin or Host', async () => {
    const notSignedIn = { code: 4401, messages: 0 };
    expect(await closedWith(wsUrl, { origin })).toEqual(notSignedIn);
    expect(await closedWith(`${wsUrl}?token=${server.token}`, { origin })).toEqual(notSignedIn);
    expect(
      await closedWith(wsUrl, { origin, cookie: `pdl_session_${server.port}=${'x'.repeat(43)}` }),
    ).toEqual(notSignedIn);
    expect(await connect(wsUrl, { origin: 'http://evil.example', cookie })).toEqual({ refused: 403 });
    expect(await connect(wsUrl, { cookie })).toEqual({ refused: 403 });
    expect(
      await connect(wsUrl, { origin: 'http://evil.example', host: `evil.example:${server.port}`, cookie }),
    ).toEqual({
      refused: 421,
    });
    expect(engine.calls).toEqual([]);
  });

  it('round-trips a request and pushes the resulting events', async () => {
    const connection = await connect(wsUrl, { origin, cookie });
    if ('refused' in connection) throw new Error(`refused with ${connection.refused}`);
    const { ws, messages } = connection;

    ws.send(
      JSON.stringify({ id: 1, channel: 'downloads:add', payload: { items: [{ url: 'http://h/a.bin' }] } }),
    );
    const answer = await until(() => messages.find((m) => 'id' in m && m.id === 1));
    expect(answer).toMatchObject({
      id: 1,
      result: { ok: true, value: [{ url: 'http://h/a.bin', status: 'queued' }] },
    });
    expect(messages).toContainEqual(expect.objectContaining({ event: 'downloads:status-changed' }));

    engine.emit('progressed', { at: 5, downloads: engine.list() });
    const batch = await until(() => messages.find((m) => 'event' in m && m.event === 'downloads:progressed'));
    expect(batch).toMatchObject({ payload: { at: 5, downloads: [{ url: 'http://h/a.bin' }] } });
    ws.close();
  });

  it('answers malformed messages with INVALID_INPUT and keeps the connection', async () => {
    const connection = await connect(wsUrl, { origin, cookie });
    if ('refused' in connection) throw new Error(`refused with ${connection.refused}`);
    const { ws, messages } = connection;

    ws.send('{"id": 1, "channel": ');
    ws.send(JSON.stringify({ id: 2, channel: 'downloads:explode', payload: {} }));
    ws.send(
      '{"id": 3, "channel": "downloads:pause", "payload": {"ids": ["d1"], "__proto__": {"admin": true}}}',
    );
    ws.send(JSON.stringify({ id: 4, channel: 'settings:get', payload: {} }));

    const last = await until(() => messages.find((m) => 'id' in m && m.id === 4));
    expect(last).toMatchObject({ result: { ok: true, value: { theme: 'system' } } });
    const errors = messages.filter((m) => 'id' in m && m.id !== 4);
    expect(errors).toEqual([
      {
        id: null,
        result: expect.objectContaining({
          ok: false,
          error: expect.objectContaining({ code: 'INVALID_INPUT' }),
        }),
      },
      {
        id: 2,
        result: expect.objectContaining({
          ok: false,
          error: expect.objectContaining({ code: 'INVALID_INPUT' }),
        }),
      },
      {
        id: 3,
        result: expect.objectContaining({
          ok: false,
          error: expect.objectContaining({ code: 'INVALID_INPUT' }),
        }),
      },
    ]);
    ws.close();
  });

  it('closes a connection that sends an oversized message', async () => {
    const connection = await connect(wsUrl, { origin, cookie });
    if ('refused' in connection) throw new Error(`refused with ${connection.refused}`);
    const closed = new Promise<number>((resolve) => connection.ws.on('close', (code) => resolve(code)));
    connection.ws.send('x'.repeat(5 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});
