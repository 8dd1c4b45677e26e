// Runs our aria2-compatible endpoint on the real engine, or the real aria2c, on 127.0.0.1, and talks
// JSON-RPC to either over HTTP or WebSocket. No sleeping: readiness and completion come from events.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import type { EngineSettings } from '../../src-shared/download-types';
import { createSettingsStore } from '../../src-main/host/settings-store';
import { startRpcServer, type RpcServer } from '../../src-main/rpc/rpc-server';
import { createHarness, tempDir, type Harness } from './engine-harness';

export const SECRET = 'test-secret-1234';
export const ARIA2C = '/usr/bin/aria2c';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return send(url, 'POST', body, headers);
}

export function send(
  url: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(parts).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON-RPC client of one endpoint: `call` returns the whole response object. */
export interface RpcClient {
  url: string;
  call(method: string, ...params: unknown[]): Promise<Record<string, unknown>>;
  /** The same with `token:<secret>` as first parameter. */
  auth(method: string, ...params: unknown[]): Promise<Record<string, unknown>>;
  /** Resolves with the gid of the next notification `method` for `gid`. */
  notified(method: string, gid: string): Promise<void>;
  close(): Promise<void>;
}

export async function rpcClient(url: string): Promise<RpcClient> {
  let next = 0;
  const ws = new WebSocket(url.replace(/^http/, 'ws'));
  const waiters: { method: string; gid: string; resolve: () => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { method?: string; params?: { gid: string }[] };
    for (const waiter of [...waiters]) {
      if (waiter.method === message.method && message.params?.[0]?.gid === waiter.gid) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const call = async (method: string, ...params: unknown[]) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: String(++next), method, params });
    return JSON.parse((await post(url, body)).text) as Record<string, unknown>;
  };
  return {
    url,
    call,
    auth: (method, ...params) => call(method, `token:${SECRET}`, ...params),
    notified: (method, gid) => new Promise((resolve) => waiters.push({ method, gid, resolve })),
    close: async () => {
      ws.close();
      await new Promise((resolve) => ws.once('close', resolve));
    },
  };
}

export interface PdlRpc {
  harness: Harness;
  server: RpcServer;
  close(): Promise<void>;
}

/** Our endpoint on a free port, on the real engine with a settings store in a temp folder. */
export async function startPdlRpc(
  settings: Partial<EngineSettings> = {},
  shutdown?: () => void,
): Promise<PdlRpc> {
  const harness = createHarness(settings);
  const store = createSettingsStore({
    filePath: path.join(tempDir('pdl-rpc-settings-'), 'settings.json'),
    engine: harness.engine,
    stored: {},
  });
  const server = await startRpcServer({
    engine: harness.engine,
    settings: store,
    port: 0,
    secret: SECRET,
    ...(shutdown ? { shutdown } : {}),
  });
  return {
    harness,
    server,
    close: async () => {
      await server.close();
      await harness.close();
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Aria2c {
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** The real aria2c with RPC on, downloading into a temp folder; resolves once it says it listens. */
export async function startAria2c(): Promise<Aria2c> {
  const dir = tempDir('aria2c-');
  const port = await freePort();
  const child: ChildProcess = spawn(
    ARIA2C,
    [
      '--enable-rpc',
      `--rpc-listen-port=${port}`,
      `--rpc-secret=${SECRET}`,
      `--dir=${dir}`,
      '--no-conf',
      '--console-log-level=notice',
      '--enable-color=false',
      '--auto-file-renaming=false',
      '--disable-ipv6',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`aria2c exited with ${code}: ${output}`)));
    child.once('error', reject);
    child.stdout!.on('data', (part: Buffer) => {
      output += part.toString();
      if (output.includes('RPC: listening on TCP port')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}/jsonrpc`,
    dir,
    close: async () => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
