import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineSettings } from '../../src-shared/download-types';
import type { Result } from '../../src-shared/ipc-contract';
import { runServe, type ServeDeps } from '../../src-main/serve/serve-app';
import { createFakeEngine, type FakeEngine } from '../support/fake-engine';
import { openServeSocket } from '../support/serve-socket';

interface RunningServe {
  url: string;
  /** What it printed on start. */
  startLines: string[];
  engine: FakeEngine;
  stop(): Promise<number>;
}

describe('pdl serve', () => {
  let dir: string;
  let printed: string[];
  let errors: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-serve-cmd-'));
    printed = [];
    errors = [];
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function deps(
    onEngine: (engine: FakeEngine, settings: Partial<EngineSettings>) => void,
    stopped: Promise<void>,
  ): ServeDeps {
    return {
      createEngine: async ({ settings }) => {
        const engine = createFakeEngine(settings);
        onEngine(engine, settings);
        return engine;
      },
      shell: { openPath: async () => {}, showItemInFolder: async () => {}, chooseFolder: async () => null },
      openUrl: async () => {},
      rendererDir: join(dir, 'no-ui-here'),
      untilStopped: () => stopped,
      print: (line) => printed.push(line),
      printError: (line) => errors.push(line),
      env: {},
      home: dir,
      cwd: dir,
    };
  }

  async function start(args: string[]): Promise<RunningServe> {
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let engine: FakeEngine | undefined;
    const exit = runServe(
      ['--no-open', '--state-dir', join(dir, 'state'), ...args],
      deps((e) => (engine = e), stopped),
    );
    for (let i = 0; i < 200 && !printed.some((line) => line.startsWith('Parallel Downloader UI:')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const line = printed.find((l) => l.startsWith('Parallel Downloader UI:'));
    if (!line || !engine) throw new Error(`serve did not start: ${errors.join('\n')}`);
    const startLines = printed;
    printed = [];
    return {
      url: line.slice('Parallel Downloader UI: '.length),
      startLines,
      engine,
      stop: () => (stop(), exit),
    };
  }

  async function request(pageUrl: string, channel: string, payload: unknown): Promise<Result<unknown>> {
    const ws = await openServeSocket(pageUrl);
    const answer = new Promise<Result<unknown>>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: Result<unknown> };
        if (message.id === 1 && message.result) resolve(message.result);
      }),
    );
    ws.send(JSON.stringify({ id: 1, channel, payload }));
    const result = await answer;
    ws.close();
    return result;
  }

  it('prints the UI address on 127.0.0.1 with a token', async () => {
    const running = await start([]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(await running.stop()).toBe(0);
  });

  it('keeps settings across a restart and pauses downloads when stopped', async () => {
    const first = await start([]);
    const updated = await request(first.url, 'settings:update', { maxConcurrentDownloads: 2, theme: 'dark' });
    expect(updated).toMatchObject({ ok: true });
    await request(first.url, 'downloads:add', { items: [{ url: 'http://127.0.0.1:1/file.bin' }] });
    expect(await first.stop()).toBe(0);
    expect(first.engine.calls).toContainEqual(['shutdown']);
    expect(first.engine.list()[0].status).toBe('paused');

    const second = await start([]);
    expect(second.engine.settings().maxConcurrentDownloads).toBe(2);
    expect(await request(second.url, 'settings:get', {})).toMatchObject({
      ok: true,
      value: { maxConcurrentDownloads: 2, theme: 'dark' },
    });
    await second.stop();
  });

  it('uses the download folder given with --dir', async () => {
    const running = await start(['-d', 'incoming']);
    expect(running.engine.settings().directory).toBe(join(dir, 'incoming'));
    await running.stop();
  });

  it('-d applies to its own run only: a later start without it uses the folder saved in Settings', async () => {
    const saved = join(dir, 'saved');
    await mkdir(saved);
    const first = await start([]);
    expect(await request(first.url, 'settings:update', { directory: saved })).toMatchObject({ ok: true });
    await first.stop();

    const withFlag = await start(['-d', 'incoming']);
    expect(withFlag.engine.settings().directory).toBe(join(dir, 'incoming'));
    expect(await request(withFlag.url, 'settings:update', { theme: 'dark' })).toMatchObject({ ok: true });
    await withFlag.stop();
    expect(withFlag.startLines.join('\n')).toContain(`the saved folder ${saved} applies again without -d`);

    const without = await start([]);
    expect(without.engine.settings().directory).toBe(saved);
    expect(await request(without.url, 'settings:get', {})).toMatchObject({ value: { theme: 'dark' } });
    await without.stop();
  });

  it('refuses to listen on an address other computers can reach', async () => {
    const exit = await runServe(
      ['--host', '0.0.0.0'],
      deps(() => {}, Promise.resolve()),
    );
    expect(exit).toBe(2);
    expect(errors.join('\n')).toMatch(/--host must be a loopback address/);
  });

  it('shows the help with --help and rejects unknown options', async () => {
    expect(
      await runServe(
        ['--help'],
        deps(() => {}, Promise.resolve()),
      ),
    ).toBe(0);
    expect(printed.join('\n')).toMatch(/Usage: pdl serve/);
    expect(
      await runServe(
        ['--verbose'],
        deps(() => {}, Promise.resolve()),
      ),
    ).toBe(2);
    expect(errors.join('\n')).toMatch(/Unknown option: --verbose/);
  });
});
