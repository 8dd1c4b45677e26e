// `pdl serve` with the real engine (built workers in out/main) against the local test server.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import type { Result, WsServerMessage } from '../../src-shared/ipc-contract';
import { createDownloadEngine } from '../../src-main/engine/download-engine';
import { runServe } from '../../src-main/serve/serve-app';
import { openServeSocket } from '../support/serve-socket';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

const WORKER_DIR = resolve('out/main');

class Client {
  private nextId = 1;
  readonly messages: WsServerMessage[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as WsServerMessage));
  }

  static async open(pageUrl: string): Promise<Client> {
    return new Client(await openServeSocket(pageUrl));
  }

  async request(channel: string, payload: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, channel, payload }));
    const answer = await this.until((m) => 'id' in m && m.id === id);
    return (answer as { result: Result<unknown> }).result;
  }

  async until(match: (message: WsServerMessage) => boolean): Promise<WsServerMessage> {
    for (let i = 0; i < 3000; i++) {
      const found = this.messages.find(match);
      if (found) return found;
      await new Promise((done) => setTimeout(done, 10));
    }
    throw new Error('no matching message within 30 s');
  }

  close(): void {
    this.ws.close();
  }
}

describe('pdl serve with the real engine', () => {
  let dir: string;
  let server: TestServer;

  beforeEach(async () => {
    if (!existsSync(join(WORKER_DIR, 'chunk-worker.js'))) throw new Error('Build first: npm run build');
    dir = await mkdtemp(join(tmpdir(), 'pdl-serve-real-'));
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(): Promise<{ url: string; stop(): Promise<number> }> {
    let stop: () => void = () => {};
    const stopped = new Promise<void>((done) => (stop = done));
    let url: string | undefined;
    const exit = runServe(['--no-open', '--state-dir', join(dir, 'state'), '-d', join(dir, 'downloads')], {
      createEngine: (options) => createDownloadEngine({ ...options, workerDir: WORKER_DIR }),
      shell: { openPath: async () => {}, showItemInFolder: async () => {}, chooseFolder: async () => null },
      openUrl: async () => {},
      rendererDir: join(dir, 'no-ui'),
      untilStopped: () => stopped,
      print: (line) => {
        if (line.startsWith('Parallel Downloader UI: ')) url = line.slice('Parallel Downloader UI: '.length);
      },
      printError: (line) => console.error(line),
      env: {},
      home: dir,
      cwd: dir,
    });
    for (let i = 0; i < 500 && !url; i++) await new Promise((done) => setTimeout(done, 10));
    if (!url) throw new Error('pdl serve did not print its URL');
    return { url, stop: () => (stop(), exit) };
  }

  it('downloads a verified file and restores the queue and settings after a restart', async () => {
    const body = makeTestBody(3 * 1024 * 1024, 5);
    const sha256 = createHash('sha256').update(body).digest('hex');
    server.setResource('/video.bin', { body });

    const first = await start();
    const client = await Client.open(first.url);
    expect(
      await client.request('settings:update', { connectionsPerDownload: 4, theme: 'dark' }),
    ).toMatchObject({
      ok: true,
    });
    const added = await client.request('downloads:add', {
      items: [{ url: server.url('/video.bin'), checksums: [{ algorithm: 'sha256', hex: sha256 }] }],
    });
    expect(added).toMatchObject({ ok: true });
    const done = (await client.until(
      (m) =>
        'event' in m &&
        m.event === 'downloads:status-changed' &&
        (m.payload as DownloadSnapshot).status === 'completed',
    )) as { payload: DownloadSnapshot };
    expect(done.payload.integrity).toContainEqual(
      expect.objectContaining({ algorithm: 'sha256', status: 'verified' }),
    );
    const filePath = done.payload.filePath ?? '';
    expect(
      createHash('sha256')
        .update(await readFile(filePath))
        .digest('hex'),
    ).toBe(sha256);
    client.close();
    expect(await first.stop()).toBe(0);

    const second = await start();
    const again = await Client.open(second.url);
    expect(await again.request('downloads:list', {})).toMatchObject({
      ok: true,
      value: [{ url: server.url('/video.bin'), status: 'completed', filePath }],
    });
    expect(await again.request('settings:get', {})).toMatchObject({
      ok: true,
      value: { connectionsPerDownload: 4, theme: 'dark', directory: join(dir, 'downloads') },
    });
    again.close();
    await second.stop();
  });
});
