import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import { createRequestRouter } from '../../src-main/host/request-router';
import { createSettingsStore } from '../../src-main/host/settings-store';
import type { ShellAdapter } from '../../src-main/host/shell-adapter';
import { createFakeEngine, type FakeEngine } from '../support/fake-engine';

function recordingShell(): ShellAdapter & { opened: string[]; shown: string[] } {
  const opened: string[] = [];
  const shown: string[] = [];
  return {
    opened,
    shown,
    openPath: async (path) => void opened.push(path),
    showItemInFolder: async (path) => void shown.push(path),
    chooseFolder: async () => '/home/me/Chosen',
  };
}

describe('request router', () => {
  let dir: string;
  let engine: FakeEngine;
  let shell: ReturnType<typeof recordingShell>;
  let unexpected: unknown[];
  let router: ReturnType<typeof createRequestRouter>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-router-'));
    engine = createFakeEngine();
    shell = recordingShell();
    unexpected = [];
    const settings = createSettingsStore({ filePath: join(dir, 'settings.json'), engine, stored: {} });
    router = createRequestRouter({
      engine,
      settings,
      shell,
      onUnexpectedError: (err) => unexpected.push(err),
    });
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds every URL of a batch and returns their snapshots', async () => {
    const result = await router.handle('downloads:add', {
      items: [{ url: 'http://127.0.0.1/a.bin' }, { url: 'http://127.0.0.1/b.bin', connections: 4 }],
    });
    expect(result.ok).toBe(true);
    expect(engine.list().map((d) => [d.url, d.connections])).toEqual([
      ['http://127.0.0.1/a.bin', 8],
      ['http://127.0.0.1/b.bin', 4],
    ]);
  });

  it('refuses an invalid payload before the engine sees it', async () => {
    const result = await router.handle('downloads:add', { items: [{ url: 'file:///etc/shadow' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(engine.calls).toEqual([]);
  });

  it('refuses channels outside the contract', async () => {
    const result = await router.handle('engine:shutdown', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /Unknown channel/ } });
    expect(engine.calls).toEqual([]);
  });

  it('returns engine errors as data with their code, retryable flag and status, without a stack', async () => {
    const { value } = (await router.handle('downloads:add', { items: [{ url: 'http://h/a' }] })) as {
      value: [{ id: string }];
    };
    engine.failNext(
      'resume',
      new DownloadError('HTTP_STATUS', 'Server answered 503', { retryable: true, status: 503 }),
    );
    const result = await router.handle('downloads:resume', { ids: [value[0].id] });
    expect(result).toEqual({
      ok: false,
      error: { code: 'HTTP_STATUS', message: 'Server answered 503', retryable: true, status: 503 },
    });
    expect(JSON.stringify(result)).not.toMatch(/at .*\.ts/);
  });

  it('reports an unexpected exception as INTERNAL and tells the host', async () => {
    await router.handle('downloads:add', { items: [{ url: 'http://h/a' }] });
    engine.failNext('pause', new TypeError('cannot read properties of undefined'));
    const result = await router.handle('downloads:pause', { ids: ['d1'] });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'cannot read properties of undefined', retryable: false },
    });
    expect(unexpected).toHaveLength(1);
  });

  it('changes nothing when a batch names an unknown download', async () => {
    await router.handle('downloads:add', { items: [{ url: 'http://h/a' }] });
    const result = await router.handle('downloads:pause', { ids: ['d1', 'missing'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: /missing/ } });
    expect(engine.get('d1')?.status).toBe('queued');
  });

  it('says how many URLs were added when one in the middle of a batch fails', async () => {
    const engineFailure = new DownloadError('INVALID_URL', 'Host name does not resolve');
    const items = [{ url: 'http://h/a' }, { url: 'http://h/b' }, { url: 'http://h/c' }];
    let call = 0;
    const originalAdd = engine.add.bind(engine);
    engine.add = async (options) => {
      if (++call === 2) throw engineFailure;
      return originalAdd(options);
    };
    const result = await router.handle('downloads:add', { items });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL', message: '1 of 3 added; http://h/b: Host name does not resolve' },
    });
  });

  it('opens and reveals only the path the engine recorded, and only once completed', async () => {
    const file = join(dir, 'a.pdf');
    await writeFile(file, 'pdf');
    await router.handle('downloads:add', { items: [{ url: 'http://h/a' }] });
    const notYet = await router.handle('shell:open-file', { id: 'd1' });
    expect(notYet).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    engine.setStatus('d1', 'completed', { filePath: file });
    expect(await router.handle('shell:open-file', { id: 'd1' })).toEqual({ ok: true, value: null });
    expect(await router.handle('shell:show-in-folder', { id: 'd1' })).toEqual({ ok: true, value: null });
    expect(await router.handle('shell:open-file', { id: 'd1', path: '/etc/passwd' })).toMatchObject({
      ok: false,
    });
    expect(shell.opened).toEqual([file]);
    expect(shell.shown).toEqual([file]);
  });

  it('asks before opening a program, script or launcher, and opens it once confirmed', async () => {
    const names = [
      'setup.exe',
      'run.sh',
      'app.desktop',
      'Tool.APP',
      'link.lnk',
      'script.BAT',
      'no-extension',
    ];
    for (const [i, name] of names.entries()) {
      const file = join(dir, name);
      await writeFile(file, '#!/bin/sh\n', { mode: name === 'no-extension' ? 0o755 : 0o644 });
      await router.handle('downloads:add', { items: [{ url: `http://h/${i}` }] });
      engine.setStatus(`d${i + 1}`, 'completed', { filePath: file });
      expect(await router.handle('shell:open-file', { id: `d${i + 1}` })).toMatchObject({
        ok: false,
        error: { code: 'CONFIRMATION_REQUIRED', message: new RegExp(`"${name}" is a program or script`) },
      });
    }
    expect(shell.opened).toEqual([]);
    expect(await router.handle('shell:open-file', { id: 'd1', confirmed: true })).toEqual({
      ok: true,
      value: null,
    });
    expect(shell.opened).toEqual([join(dir, 'setup.exe')]);
  });

  it('answers a failed open as a FILE_SYSTEM error', async () => {
    await router.handle('downloads:add', { items: [{ url: 'http://h/a' }, { url: 'http://h/b' }] });
    const file = join(dir, 'a.txt');
    await writeFile(file, 'text');
    engine.setStatus('d1', 'completed', { filePath: file });
    shell.openPath = async () => {
      throw Object.assign(new Error('No application knows this file type'), { code: 'ENOENT' });
    };
    expect(await router.handle('shell:open-file', { id: 'd1' })).toMatchObject({
      ok: false,
      error: { code: 'FILE_SYSTEM', message: 'No application knows this file type' },
    });
    engine.setStatus('d2', 'completed', { filePath: join(dir, 'gone.txt') });
    expect(await router.handle('shell:open-file', { id: 'd2' })).toMatchObject({
      ok: false,
      error: { code: 'FILE_SYSTEM', message: /gone\.txt is no longer there/ },
    });
  });

  it('passes pause, resume, cancel, retry, remove, reorder and refresh to the engine', async () => {
    await router.handle('downloads:add', { items: [{ url: 'http://h/a' }, { url: 'http://h/b' }] });
    engine.calls.length = 0;
    const requests: [string, unknown][] = [
      ['downloads:pause', { ids: ['d1', 'd2'] }],
      ['downloads:resume', { ids: ['d1'] }],
      ['downloads:cancel', { ids: ['d2'] }],
      ['downloads:retry', { ids: ['d2'] }],
      ['downloads:refresh-url', { id: 'd1', url: 'http://mirror/a' }],
      ['downloads:reorder', { id: 'd2', toIndex: 0 }],
      ['downloads:remove', { ids: ['d1'], deleteFile: true }],
    ];
    for (const [channel, payload] of requests) {
      expect(await router.handle(channel, payload)).toMatchObject({ ok: true });
    }
    expect(engine.calls).toEqual([
      ['pause', 'd1'],
      ['pause', 'd2'],
      ['resume', 'd1'],
      ['cancel', 'd2'],
      ['retry', 'd2'],
      ['refreshUrl', 'd1', 'http://mirror/a'],
      ['reorder', 'd2', 0],
      ['remove', 'd1', { deleteFile: true }],
    ]);
    expect(await router.handle('downloads:list', {})).toMatchObject({ ok: true, value: [{ id: 'd2' }] });
  });

  it('passes a re-check with its corrected checksums to the engine, and refuses an unknown id', async () => {
    await router.handle('downloads:add', { items: [{ url: 'http://h/a' }] });
    engine.calls.length = 0;
    const checksums = [{ algorithm: 'sha256', hex: 'ab'.repeat(32) }];
    expect(await router.handle('downloads:recheck', { id: 'd1', checksums })).toMatchObject({ ok: true });
    expect(engine.calls).toEqual([['recheck', 'd1', checksums]]);
    expect(await router.handle('downloads:recheck', { id: 'nope', checksums })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('reads and updates settings, and offers the folder picker', async () => {
    const updated = await router.handle('settings:update', { connectionsPerDownload: 4, theme: 'dark' });
    expect(updated).toMatchObject({ ok: true, value: { connectionsPerDownload: 4, theme: 'dark' } });
    expect(await router.handle('settings:get', {})).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(await router.handle('dialog:choose-folder', {})).toEqual({ ok: true, value: '/home/me/Chosen' });
  });
});
