// `pdl serve` with the aria2 endpoint: its start-up line, the kept secret, a taken port, --no-rpc,
// shutdown over RPC, and the endpoint as the UI's Settings read it.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Result, RpcEndpointInfo } from '../../src-shared/ipc-contract';
import { runServe, type ServeDeps } from '../../src-main/serve/serve-app';
import { createFakeEngine } from '../support/fake-engine';
import { post } from '../support/rpc-harness';

const RPC_LINE = /^aria2 RPC for browser extensions: (http:\/\/127\.0\.0\.1:\d+\/jsonrpc) {2}secret: (\S+)$/;

describe('pdl serve with the aria2 RPC endpoint', () => {
  let dir: string;
  let printed: string[];
  let blocker: Server | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-serve-rpc-'));
    printed = [];
  });

  afterEach(async () => {
    if (blocker) await new Promise((resolve) => blocker!.close(resolve));
    blocker = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs serve until its "Press Ctrl+C" line; `stop` ends it and resolves with its exit code. */
  async function start(args: string[]) {
    printed = [];
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let ready: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (ready = resolve));
    const deps: ServeDeps = {
      createEngine: async ({ settings }) => createFakeEngine(settings),
      shell: { openPath: async () => {}, showItemInFolder: async () => {}, chooseFolder: async () => null },
      openUrl: async () => {},
      rendererDir: join(dir, 'no-ui-here'),
      untilStopped: () => stopped,
      print: (line) => {
        printed.push(line);
        if (line.startsWith('Press Ctrl+C')) ready();
      },
      printError: (line) => printed.push(line),
      env: {},
      home: dir,
      cwd: dir,
    };
    const exit = runServe(['--no-open', '--state-dir', join(dir, 'state'), ...args], deps);
    await Promise.race([started, exit]);
    const rpc = printed.map((line) => RPC_LINE.exec(line)).find((match) => match);
    const ui = printed.find((line) => line.startsWith('Parallel Downloader UI: '))!.slice(24);
    return { rpc: rpc ? { url: rpc[1], secret: rpc[2] } : undefined, ui, exit, stop: () => (stop(), exit) };
  }

  async function endpointSeenByUi(pageUrl: string): Promise<Result<RpcEndpointInfo>> {
    const page = new URL(pageUrl);
    const ws = new WebSocket(`ws://${page.host}/ws?token=${page.searchParams.get('token')}`, {
      origin: page.origin,
    });
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const answer = new Promise<Result<RpcEndpointInfo>>((resolve) =>
      ws.on('message', (data) =>
        resolve((JSON.parse(data.toString()) as { result: Result<RpcEndpointInfo> }).result),
      ),
    );
    ws.send(JSON.stringify({ id: 1, channel: 'rpc:get-endpoint', payload: {} }));
    const result = await answer;
    ws.close();
    return result;
  }

  it('prints the endpoint and a secret that stays the same on the next start', async () => {
    const first = await start(['--rpc-listen-port', '0']);
    expect(first.rpc?.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await endpointSeenByUi(first.ui)).toEqual({
      ok: true,
      value: { enabled: true, url: first.rpc!.url, secret: first.rpc!.secret },
    });
    await first.stop();
    const second = await start(['--rpc-listen-port', '0']);
    expect(second.rpc?.secret).toBe(first.rpc?.secret);
    await second.stop();
    const given = await start(['--rpc-listen-port', '0', '--rpc-secret', 'my-own']);
    expect(given.rpc?.secret).toBe('my-own');
    await given.stop();
  });

  it('says clearly that the port is taken and serves the UI without RPC', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const running = await start(['--rpc-listen-port', String(port)]);
    expect(running.rpc).toBeUndefined();
    expect(printed.join('\n')).toContain(
      `The aria2 RPC endpoint is off: port ${port} on 127.0.0.1 is already in use`,
    );
    const seen = await endpointSeenByUi(running.ui);
    expect(seen.ok && seen.value.enabled).toBe(false);
    expect(await running.stop()).toBe(0);
  });

  it('runs without the endpoint with --no-rpc', async () => {
    const running = await start(['--no-rpc']);
    expect(running.rpc).toBeUndefined();
    expect(printed.join('\n')).not.toContain('aria2 RPC');
    expect(await running.stop()).toBe(0);
  });

  it('stops when a client calls aria2.shutdown', async () => {
    const running = await start(['--rpc-listen-port', '0']);
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'aria2.shutdown',
      params: [`token:${running.rpc!.secret}`],
    });
    const answer = await post(running.rpc!.url, body);
    expect(JSON.parse(answer.text)).toEqual({ id: 1, jsonrpc: '2.0', result: 'OK' });
    expect(await running.exit).toBe(0);
  });
});
