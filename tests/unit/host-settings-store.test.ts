import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore, readStoredSettings } from '../../src-main/host/settings-store';
import { createFakeEngine } from '../support/fake-engine';

describe('settings store', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-settings-'));
    file = join(dir, 'settings.json');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts from the engine defaults and the system theme when nothing is saved', async () => {
    const stored = await readStoredSettings(file);
    const engine = createFakeEngine(stored);
    const store = createSettingsStore({ filePath: file, engine, stored });
    expect(store.get()).toMatchObject({ connectionsPerDownload: 8, theme: 'system' });
  });

  it('saves a change, applies it to the engine and restores it on the next start', async () => {
    const engine = createFakeEngine();
    const store = createSettingsStore({ filePath: file, engine, stored: {} });
    const changes: unknown[] = [];
    store.onChanged((settings) => changes.push(settings));

    await store.update({ speedLimitBps: 500_000, theme: 'dark' });

    expect(engine.settings().speedLimitBps).toBe(500_000);
    expect(changes).toHaveLength(1);
    const stored = await readStoredSettings(file);
    expect(stored).toMatchObject({ speedLimitBps: 500_000, theme: 'dark' });
    const restarted = createSettingsStore({ filePath: file, engine: createFakeEngine(stored), stored });
    expect(restarted.get()).toMatchObject({ speedLimitBps: 500_000, theme: 'dark' });
  });

  it('does not write or notify when an update changes nothing', async () => {
    const engine = createFakeEngine();
    const store = createSettingsStore({ filePath: file, engine, stored: {} });
    const changes: unknown[] = [];
    store.onChanged((settings) => changes.push(settings));
    await store.update({ theme: 'system', connectionsPerDownload: 8 });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(changes).toEqual([]);
  });

  it('falls back to defaults on a corrupt file and keeps a .corrupt copy of it', async () => {
    await writeFile(file, '{"theme": "dark", "maxRetries": ');
    expect(await readStoredSettings(file)).toEqual({});
    expect(await readFile(`${file}.corrupt`, 'utf8')).toBe('{"theme": "dark", "maxRetries": ');
  });

  it('treats values outside their ranges as a corrupt file', async () => {
    await writeFile(file, JSON.stringify({ connectionsPerDownload: 1000, theme: 'dark' }));
    expect(await readStoredSettings(file)).toEqual({});
    expect(await stat(`${file}.corrupt`)).toBeTruthy();
  });

  it('leaves no temp files behind after several quick updates', async () => {
    const engine = createFakeEngine();
    const store = createSettingsStore({ filePath: file, engine, stored: {} });
    await Promise.all([
      store.update({ maxRetries: 1 }),
      store.update({ maxRetries: 2 }),
      store.update({ maxRetries: 3 }),
    ]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ maxRetries: 3 });
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
