import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDownloadDirectory } from '../../src-main/host/download-directories';
import { createRequestRouter } from '../../src-main/host/request-router';
import {
  createSettingsStore,
  readStoredSettings,
  type StoredSettings,
} from '../../src-main/host/settings-store';
import { createFakeEngine, type FakeEngine } from '../support/fake-engine';

describe('download folders an API caller may use', () => {
  let dir: string;
  let file: string;
  let picked: string | null;
  let engine: FakeEngine;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-dirs-'));
    file = join(dir, 'settings.json');
    picked = null;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function start(stored: StoredSettings = {}, runDirectory?: string) {
    engine = createFakeEngine({
      ...(stored.directory ? { directory: stored.directory } : {}),
      ...(runDirectory ? { directory: runDirectory } : {}),
    });
    const settings = createSettingsStore({
      filePath: file,
      engine,
      stored,
      ...(runDirectory ? { runDirectory } : {}),
    });
    const shell = {
      openPath: async () => undefined,
      showItemInFolder: async () => undefined,
      chooseFolder: async () => picked,
    };
    return { settings, router: createRequestRouter({ engine, settings, shell }) };
  }

  it('refuses a download into a folder the user never chose, and adds none of the batch', async () => {
    const { router } = start();
    const result = await router.handle('downloads:add', {
      items: [{ url: 'http://h/a' }, { url: 'http://h/b', directory: '/etc/cron.d' }],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'DIRECTORY_NOT_ALLOWED', message: /\/etc\/cron\.d is not one of your download folders/ },
    });
    expect(engine.list()).toEqual([]);
  });

  it('allows the default folder and a folder picked in the dialog, and remembers the pick', async () => {
    const { router } = start();
    expect(
      await router.handle('downloads:add', { items: [{ url: 'http://h/a', directory: '/downloads' }] }),
    ).toMatchObject({ ok: true });
    picked = join(dir, 'Picked');
    await router.handle('dialog:choose-folder', {});
    expect(
      await router.handle('downloads:add', { items: [{ url: 'http://h/b', directory: picked }] }),
    ).toMatchObject({
      ok: true,
    });
    expect((await readStoredSettings(file)).downloadDirectories).toContain(picked);
  });

  it('keeps the folder it started with allowed after the user sets another one', async () => {
    const { router } = start();
    const mine = join(dir, 'mine');
    await mkdir(mine);
    expect(await router.handle('settings:update', { directory: mine })).toMatchObject({ ok: true });
    const add = await router.handle('downloads:add', {
      items: [{ url: 'http://h/a', directory: '/downloads' }],
    });
    expect(add).toMatchObject({ ok: true });
  });

  it('gives an RPC caller the folder it asked for only when chosen, otherwise the default', async () => {
    const { settings } = start({ downloadDirectories: ['/data/isos'] });
    expect(resolveDownloadDirectory('/data/isos/', settings)).toBe('/data/isos');
    expect(resolveDownloadDirectory('/etc', settings)).toBe('/downloads');
    expect(resolveDownloadDirectory('/data/isos/../../etc', settings)).toBe('/downloads');
    expect(resolveDownloadDirectory(undefined, settings)).toBe('/downloads');
  });

  it('takes a folder typed in Settings only if it exists, is writable and is not a system folder', async () => {
    const { router, settings } = start();
    const update = (directory: string) => router.handle('settings:update', { directory });
    expect(await update('/proc/self')).toMatchObject({
      error: { code: 'DIRECTORY_NOT_ALLOWED', message: /system folder/ },
    });
    expect(await update('/dev/shm')).toMatchObject({ error: { code: 'DIRECTORY_NOT_ALLOWED' } });
    expect(await update(join(dir, 'nope'))).toMatchObject({ error: { message: /does not exist/ } });
    await writeFile(join(dir, 'a-file'), '');
    expect(await update(join(dir, 'a-file'))).toMatchObject({ error: { message: /is a file/ } });
    expect(settings.get().directory).toBe('/downloads');

    const mine = join(dir, 'mine');
    await mkdir(mine);
    expect(await update(mine)).toMatchObject({ ok: true, value: { directory: mine } });
    expect(
      await router.handle('downloads:add', { items: [{ url: 'http://h/a', directory: mine }] }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('runs `-d` for this start only: the saved folder is kept in the file and applies again later', async () => {
    const saved = join(dir, 'saved');
    const { settings } = start({ directory: saved }, join(dir, 'run'));
    expect(settings.get().directory).toBe(join(dir, 'run'));
    await settings.update({ theme: 'dark' });
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as StoredSettings;
    expect(onDisk).toMatchObject({ directory: saved, theme: 'dark' });

    await mkdir(join(dir, 'new'));
    await settings.update({ directory: join(dir, 'new') });
    expect(await readStoredSettings(file)).toMatchObject({ directory: join(dir, 'new') });
  });
});
