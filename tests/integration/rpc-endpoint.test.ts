// Our aria2-compatible endpoint on the real engine: what browser extensions and aria2 clients rely on,
// and what keeps web pages out.
import fs from 'node:fs';
import Aria2 from 'aria2';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../support/engine-harness';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';
import {
  post,
  rpcClient,
  send,
  SECRET,
  startPdlRpc,
  type PdlRpc,
  type RpcClient,
} from '../support/rpc-harness';

let files: TestServer;
let pdl: PdlRpc;
let client: RpcClient | undefined;
const body = makeTestBody(3 * 1024 * 1024 + 9, 5);

beforeAll(async () => {
  files = await startTestServer();
  files.setResource('/file.bin', { body });
  // Slow enough that a download is still running when a test stops it.
  files.setResource('/slow.bin', { body, perConnectionRateBps: 256 * 1024 });
});
afterAll(() => files.close());
afterEach(async () => {
  await client?.close();
  client = undefined;
  await pdl?.close();
});

const request = (method: string, params: unknown[]) =>
  JSON.stringify({ jsonrpc: '2.0', id: 'q', method, params });

describe('a download handed over by a browser extension', () => {
  it('carries the header, referer and user-agent options on every request and ends verified', async () => {
    pdl = await startPdlRpc();
    client = await rpcClient(pdl.server.url);
    files.reset();
    const added = await client.auth('aria2.addUri', [files.url('/file.bin')], {
      header: ['Cookie: session=s3cr3t', 'Authorization: Bearer tok'],
      referer: 'https://shop.example/item',
      'user-agent': 'Mozilla/5.0 Test',
      split: '4',
      out: 'from-browser.bin',
      pause: 'true',
    });
    const gid = added.result as string;
    const done = client.notified('aria2.onDownloadComplete', gid);
    await client.auth('aria2.unpause', gid);
    await done;
    const status = (await client.auth('aria2.tellStatus', gid)).result as Record<string, unknown>;
    expect(status.status).toBe('complete');
    const [file] = status.files as { path: string }[];
    expect(file.path.endsWith('from-browser.bin')).toBe(true);
    expect(sha256(fs.readFileSync(file.path))).toBe(sha256(body));
    const requests = files.requests().filter((r) => r.path === '/file.bin');
    expect(requests.length).toBeGreaterThan(1);
    for (const seen of requests) {
      expect(seen.headers.cookie).toBe('session=s3cr3t');
      expect(seen.headers.authorization).toBe('Bearer tok');
      expect(seen.headers.referer).toBe('https://shop.example/item');
      expect(seen.headers['user-agent']).toBe('Mozilla/5.0 Test');
    }
    // The UI sees the same download, with its integrity results.
    const inEngine = pdl.harness.engine.list().find((d) => d.url === files.url('/file.bin'))!;
    expect(inEngine.integrity.find((r) => r.algorithm === 'sha256')?.actual).toBe(sha256(body));
  });

  it('is an ordinary download: pauses and removals made in the UI reach RPC clients and their notifications', async () => {
    pdl = await startPdlRpc();
    client = await rpcClient(pdl.server.url);
    const gid = (await client.auth('aria2.addUri', [files.url('/slow.bin')], { pause: 'true' }))
      .result as string;
    const snapshot = pdl.harness.engine.list()[0];
    expect(snapshot.status).toBe('paused');
    const started = client.notified('aria2.onDownloadStart', gid);
    await pdl.harness.engine.resume(snapshot.id);
    await started;
    const stopped = client.notified('aria2.onDownloadStop', gid);
    await pdl.harness.engine.cancel(snapshot.id);
    await stopped;
    expect(
      ((await client.auth('aria2.tellStatus', gid, ['status'])).result as { status: string }).status,
    ).toBe('removed');
    await pdl.harness.engine.remove(snapshot.id, { deleteFile: true });
    expect((await client.auth('aria2.tellStatus', gid)).error).toEqual({
      code: 1,
      message: `GID ${gid} is not found`,
    });
  });

  it('masks user name and password of a URI in tellStatus and getUris', async () => {
    pdl = await startPdlRpc();
    client = await rpcClient(pdl.server.url);
    const withCredentials = files.url('/file.bin').replace('http://', 'http://alice:pa55@');
    const gid = (await client.auth('aria2.addUri', [withCredentials], { pause: 'true' })).result as string;
    const texts = [
      JSON.stringify(await client.auth('aria2.tellStatus', gid)),
      JSON.stringify(await client.auth('aria2.getUris', gid)),
    ];
    for (const text of texts) {
      expect(text).not.toContain('pa55');
      expect(text).not.toContain('alice');
      expect(text).toContain('***');
    }
  });

  it('keeps a speed cap for getOption and maps global options onto the settings', async () => {
    pdl = await startPdlRpc();
    client = await rpcClient(pdl.server.url);
    const gid = (
      await client.auth('aria2.addUri', [files.url('/file.bin')], {
        pause: 'true',
        'max-download-limit': '512K',
      })
    ).result as string;
    const options = (await client.auth('aria2.getOption', gid)).result as Record<string, string>;
    expect(options['max-download-limit']).toBe(String(512 * 1024));
    expect(pdl.harness.engine.list()[0].maxBytesPerSecond).toBe(512 * 1024);
    expect(
      (
        await client.auth('aria2.changeGlobalOption', {
          'max-overall-download-limit': '2M',
          'seed-ratio': '1.0',
        })
      ).result,
    ).toBe('OK');
    expect(pdl.harness.engine.settings().speedLimitBps).toBe(2 * 1024 * 1024);
    const global = (await client.auth('aria2.getGlobalOption')).result as Record<string, string>;
    expect(global['max-overall-download-limit']).toBe(String(2 * 1024 * 1024));
  });

  it("takes timeout and connect-timeout in seconds, and refuses one beyond the setting's limit", async () => {
    pdl = await startPdlRpc();
    client = await rpcClient(pdl.server.url);
    const changed = await client.auth('aria2.changeGlobalOption', { timeout: '45', 'connect-timeout': '20' });
    expect(changed.result).toBe('OK');
    expect(pdl.harness.engine.settings()).toMatchObject({ timeoutSeconds: 45, connectTimeoutSeconds: 20 });
    const global = (await client.auth('aria2.getGlobalOption')).result as Record<string, string>;
    expect(global).toMatchObject({ timeout: '45', 'connect-timeout': '20' });
    const refused = await client.auth('aria2.changeGlobalOption', { timeout: '5000' });
    expect((refused.error as { message: string }).message).toMatch(/600/);
    expect(pdl.harness.engine.settings().timeoutSeconds).toBe(45);
  });

  it('refuses torrents, metalinks and, in the desktop app, shutdown with a clear sentence', async () => {
    pdl = await startPdlRpc();
    client = await rpcClient(pdl.server.url);
    for (const method of ['aria2.addTorrent', 'aria2.addMetalink']) {
      const answer = await client.auth(method, 'AAAA');
      expect((answer.error as { message: string }).message).toMatch(/not supported here/);
    }
    const refused = await client.auth('aria2.shutdown');
    expect((refused.error as { message: string }).message).toMatch(/cannot be shut down over RPC/);
  });
});

describe('who may call the endpoint', () => {
  it('refuses a wrong or missing secret with aria2 error 1 "Unauthorized" and nothing else', async () => {
    pdl = await startPdlRpc();
    for (const params of [['token:wrong'], [], ['wrong'], [`token:${SECRET}x`]]) {
      const answer = await post(pdl.server.url, request('aria2.tellActive', params));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toEqual({
        id: 'q',
        jsonrpc: '2.0',
        error: { code: 1, message: 'Unauthorized' },
      });
    }
  });

  it('answers CORS preflights of browser extensions, and only theirs', async () => {
    pdl = await startPdlRpc();
    for (const origin of [
      'chrome-extension://abcdefghijklmnop',
      'moz-extension://1234-5678',
      'safari-web-extension://x',
      'null',
    ]) {
      const preflight = await send(pdl.server.url, 'OPTIONS', undefined, {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      const call = await post(pdl.server.url, request('aria2.getVersion', [`token:${SECRET}`]), {
        Origin: origin,
      });
      expect(call.status).toBe(200);
      expect(call.headers['access-control-allow-origin']).toBe(origin);
    }
    const native = await post(pdl.server.url, request('aria2.getVersion', [`token:${SECRET}`]));
    expect(native.status).toBe(200);
    expect(native.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses web pages (an ordinary Origin), even with the right secret, over HTTP and WebSocket', async () => {
    pdl = await startPdlRpc();
    for (const origin of ['https://evil.example', 'http://127.0.0.1:8080', 'http://localhost']) {
      const preflight = await send(pdl.server.url, 'OPTIONS', undefined, { Origin: origin });
      expect(preflight.status).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const call = await post(pdl.server.url, request('aria2.getVersion', [`token:${SECRET}`]), {
        Origin: origin,
      });
      expect(call.status).toBe(403);
      expect(call.text).not.toContain('version');
      const socket = new WebSocket(pdl.server.url.replace('http', 'ws'), { origin });
      const status = await new Promise<number>((resolve) => {
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('open', () => resolve(101));
      });
      expect(status).toBe(403);
    }
  });

  it('refuses a Host that does not name it (DNS rebinding) and oversized bodies', async () => {
    pdl = await startPdlRpc();
    const rebound = await post(pdl.server.url, request('aria2.getVersion', [`token:${SECRET}`]), {
      Host: 'evil.example:6800',
    });
    expect(rebound.status).toBe(421);
    const huge = await post(pdl.server.url, `[${'1,'.repeat(1024 * 1024 + 10)}1]`);
    expect(huge.status).toBe(413);
    const parse = await post(pdl.server.url, '{"jsonrpc": "2.0", "method"');
    expect(JSON.parse(parse.text)).toEqual({
      id: null,
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error.' },
    });
  });
});

describe('the aria2 npm client as a second real client', () => {
  it('adds over WebSocket, hears the notifications and reads the result with multicall', async () => {
    pdl = await startPdlRpc();
    const aria2 = new Aria2({ host: 'localhost', port: pdl.server.port, secret: SECRET });
    await aria2.open();
    try {
      const events: string[] = [];
      for (const name of ['onDownloadStart', 'onDownloadComplete']) aria2.on(name, () => events.push(name));
      const complete = new Promise<void>((resolve) => aria2.once('onDownloadComplete', () => resolve()));
      const gid = (await aria2.call('addUri', [files.url('/file.bin')], { split: '2' })) as string;
      expect(gid).toMatch(/^[0-9a-f]{16}$/);
      await complete;
      expect(events).toEqual(['onDownloadStart', 'onDownloadComplete']);
      const [[status], [stat]] = (await aria2.multicall([
        ['tellStatus', gid, ['status', 'completedLength']],
        ['getGlobalStat'],
      ])) as [[Record<string, string>], [Record<string, string>]];
      expect(status).toEqual({ status: 'complete', completedLength: String(body.length) });
      expect(stat.numStopped).toBe('1');
      expect(await aria2.listNotifications()).toContain('onDownloadComplete');
    } finally {
      await aria2.close();
    }
  });
});
