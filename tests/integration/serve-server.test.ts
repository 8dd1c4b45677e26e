import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { progressDelta } from '../../src-shared/progress-delta';
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

function connect(url: string, options: { origin?: string; host?: string } = {}): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      origin: options.origin,
      headers: options.host ? { Host: options.host } : {},
    });
    const messages: WsServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as WsServerMessage));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
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
    server = await startServeServer({ engine, settings, router, rendererDir, port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${server.port}`;
    wsUrl = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
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
    const page = await rawGet(server.port, `/?token=${server.token}`, { Host: `127.0.0.1:${server.port}` });
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

  it('refuses WebSocket connections without the token, with a wrong token, from a foreign Origin or Host', async () => {
    const bare = `ws://127.0.0.1:${server.port}/ws`;
    expect(await connect(bare, { origin })).toEqual({ refused: 401 });
    expect(await connect(`${bare}?token=${'x'.repeat(43)}`, { origin })).toEqual({ refused: 401 });
    expect(await connect(wsUrl, { origin: 'http://evil.example' })).toEqual({ refused: 403 });
    expect(await connect(wsUrl, {})).toEqual({ refused: 403 });
    expect(
      await connect(wsUrl, { origin: 'http://evil.example', host: `evil.example:${server.port}` }),
    ).toEqual({
      refused: 421,
    });
    expect(engine.calls).toEqual([]);
  });

  it('round-trips a request and pushes the resulting events', async () => {
    const connection = await connect(wsUrl, { origin });
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

    engine.emit('progressed', { at: 5, downloads: engine.list().map((d) => progressDelta(d, undefined)) });
    const batch = await until(() => messages.find((m) => 'event' in m && m.event === 'downloads:progressed'));
    expect(batch).toMatchObject({ payload: { at: 5, downloads: [{ url: 'http://h/a.bin' }] } });
    ws.close();
  });

  it('answers malformed messages with INVALID_INPUT and keeps the connection', async () => {
    const connection = await connect(wsUrl, { origin });
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
    const connection = await connect(wsUrl, { origin });
    if ('refused' in connection) throw new Error(`refused with ${connection.refused}`);
    const closed = new Promise<number>((resolve) => connection.ws.on('close', (code) => resolve(code)));
    connection.ws.send('x'.repeat(5 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});
