import { describe, expect, it } from 'vitest';
import type { EventChannel } from '../../src-shared/ipc-contract';
import { forwardEvents } from '../../src-main/host/event-forwarder';
import type { SettingsStore } from '../../src-main/host/settings-store';
import { createFakeEngine } from '../support/fake-engine';

describe('event forwarder', () => {
  it('forwards engine and settings events as contract events until stopped', async () => {
    const engine = createFakeEngine();
    let settingsListener: Parameters<SettingsStore['onChanged']>[0] = () => undefined;
    const settings = {
      onChanged: (listener: typeof settingsListener) => {
        settingsListener = listener;
        return () => void (settingsListener = () => undefined);
      },
    };
    const sent: [EventChannel, unknown][] = [];
    const stop = forwardEvents(engine, settings, (channel, payload) => sent.push([channel, payload]));

    const added = await engine.add({ url: 'http://h/a' });
    engine.emit('progressed', { at: 1, downloads: [added] });
    await engine.remove(added.id, { deleteFile: false });
    settingsListener({ ...engine.settings(), theme: 'light' });

    expect(sent.map(([channel]) => channel)).toEqual([
      'downloads:status-changed',
      'downloads:progressed',
      'downloads:removed',
      'settings:changed',
    ]);
    expect(sent[2][1]).toEqual({ ids: [added.id] });

    stop();
    expect(engine.listenerCount()).toBe(0);
    await engine.add({ url: 'http://h/b' });
    expect(sent).toHaveLength(4);
  });
});

describe('what the UI is sent about a signed link', () => {
  it('never contains the password or the signature, while the engine keeps the real link', async () => {
    const engine = createFakeEngine();
    const sent: unknown[] = [];
    forwardEvents(engine, { onChanged: () => () => undefined }, (_channel, payload) => sent.push(payload));
    const secretUrl = 'https://bob:hunter2@h/f.iso?X-Amz-Signature=deadbeef&token=t0k3n';
    const added = await engine.add({ url: secretUrl });
    engine.emit('progressed', { at: 1, downloads: [added] });

    const shown = JSON.stringify(sent);
    for (const secret of ['hunter2', 'deadbeef', 't0k3n']) expect(shown).not.toContain(secret);
    expect(shown).toContain('https://bob:***@h/f.iso?X-Amz-Signature=***&token=***');
    expect(engine.get(added.id)?.url).toBe(secretUrl);
  });
});
