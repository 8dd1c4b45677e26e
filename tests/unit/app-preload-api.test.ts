import { describe, expect, it } from 'vitest';
import { createPreloadApi, type IpcRendererLike } from '../../src-main/app/preload-api';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const invoked: unknown[][] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, payload) => (invoked.push([channel, payload]), { ok: true, value: [] }),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  };
  const send = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc internals' }, payload);
  };
  return { ipc, invoked, send };
}

describe('preload API', () => {
  it('invokes contract channels and refuses others without touching IPC', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    expect(await api.invoke('downloads:list', {})).toEqual({ ok: true, value: [] });
    const refused = await api.invoke('app:relaunch' as 'downloads:list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(invoked).toEqual([['downloads:list', {}]]);
  });

  it('delivers event payloads without the IPC event and stops after unsubscribing', () => {
    const { ipc, send } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const received: unknown[] = [];
    const unsubscribe = api.on('downloads:removed', (payload) => received.push(payload));
    send('downloads:removed', { ids: ['a'] });
    unsubscribe();
    send('downloads:removed', { ids: ['b'] });
    expect(received).toEqual([{ ids: ['a'] }]);
  });

  it('does not subscribe to channels outside the contract', () => {
    const api = createPreloadApi(fakeIpcRenderer().ipc);
    expect(() => api.on('ELECTRON_BROWSER_REQUIRE' as 'downloads:removed', () => {})).toThrow(
      /Unknown event channel/,
    );
  });
});
