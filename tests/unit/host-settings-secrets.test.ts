// The proxy password in the settings: the UI is only ever sent `***`, and saving the settings back
// as the dialog shows them keeps the real password on disk and in the engine.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppSettings } from '../../src-shared/ipc-contract';
import { forwardEvents } from '../../src-main/host/event-forwarder';
import { createRequestRouter, type RequestRouter } from '../../src-main/host/request-router';
import { createSettingsStore } from '../../src-main/host/settings-store';
import { createFakeEngine, type FakeEngine } from '../support/fake-engine';

const SECRET_PROXY = 'http://alice:pr0xy-s3cret@proxy.lan:3128';
const SHOWN_PROXY = 'http://alice:***@proxy.lan:3128';

describe('the proxy password in the settings', () => {
  let dir: string;
  let file: string;
  let engine: FakeEngine;
  let router: RequestRouter;
  let sentToUi: unknown[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-settings-secrets-'));
    file = join(dir, 'settings.json');
    engine = createFakeEngine();
    const settings = createSettingsStore({ filePath: file, engine, stored: {} });
    const shell = {
      openPath: async () => undefined,
      showItemInFolder: async () => undefined,
      chooseFolder: async () => null,
    };
    router = createRequestRouter({ engine, settings, shell });
    sentToUi = [];
    forwardEvents(engine, settings, (_channel, payload) => sentToUi.push(payload));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function update(patch: Partial<AppSettings>): Promise<AppSettings> {
    const result = await router.handle('settings:update', patch);
    if (!result.ok) throw new Error(result.error.message);
    sentToUi.push(result.value);
    return result.value as AppSettings;
  }

  async function saved(): Promise<Partial<AppSettings>> {
    return JSON.parse(await readFile(file, 'utf8')) as Partial<AppSettings>;
  }

  it('is shown as *** in answers and change events, while the engine and the file keep it', async () => {
    expect((await update({ proxy: SECRET_PROXY })).proxy).toBe(SHOWN_PROXY);
    const read = await router.handle('settings:get', {});
    expect(read).toMatchObject({ ok: true, value: { proxy: SHOWN_PROXY } });
    sentToUi.push(read);

    expect(engine.settings().proxy).toBe(SECRET_PROXY);
    expect((await saved()).proxy).toBe(SECRET_PROXY);
    expect(JSON.stringify(sentToUi)).not.toContain('pr0xy-s3cret');
    expect(JSON.stringify(sentToUi)).toContain(SHOWN_PROXY);
  });

  it('is kept when the settings are saved back with the proxy as shown', async () => {
    await update({ proxy: SECRET_PROXY });
    const read = await router.handle('settings:get', {});
    if (!read.ok) throw new Error(read.error.message);
    // As the settings dialog does: every field as it was shown, one of them edited.
    const shown = await update({ ...(read.value as AppSettings), speedLimitBps: 100 * 1024 });

    expect(shown).toMatchObject({ proxy: SHOWN_PROXY, speedLimitBps: 100 * 1024 });
    expect(engine.settings().proxy).toBe(SECRET_PROXY);
    expect(await saved()).toMatchObject({ proxy: SECRET_PROXY, speedLimitBps: 100 * 1024 });
    expect(JSON.stringify(await saved())).not.toContain('***');
  });

  it('is replaced by a changed proxy address, and gone when the proxy is cleared', async () => {
    await update({ proxy: SECRET_PROXY });
    await update({ proxy: 'socks5://bob:n3w-pass@proxy.lan:1080' });
    expect(engine.settings().proxy).toBe('socks5://bob:n3w-pass@proxy.lan:1080');
    expect((await saved()).proxy).toBe('socks5://bob:n3w-pass@proxy.lan:1080');

    await update({ proxy: '' });
    expect(engine.settings().proxy).toBe('');
    expect((await saved()).proxy).toBe('');
  });

  it('leaves a proxy without a password as it is', async () => {
    expect((await update({ proxy: 'http://proxy.lan:3128' })).proxy).toBe('http://proxy.lan:3128');
    expect(engine.settings().proxy).toBe('http://proxy.lan:3128');
  });
});
