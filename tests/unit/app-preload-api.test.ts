import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, REQUEST_METHOD_NAMES } from '../../src-shared/ipc-contract';
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
  it('exposes one named function per contract request and no generic invoke', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    expect(Object.keys(api).sort()).toEqual([...Object.values(REQUEST_METHOD_NAMES), 'on'].sort());
    expect('invoke' in api).toBe(false);
    expect(await api.listDownloads({})).toEqual({ ok: true, value: [] });
    await api.openFile({ id: 'd1', confirmed: true });
    expect(invoked).toEqual([
      ['downloads:list', {}],
      ['shell:open-file', { id: 'd1', confirmed: true }],
    ]);
  });

  it('sends each function to its own contract channel', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = createPreloadApi(ipc) as unknown as Record<string, (payload: unknown) => Promise<unknown>>;
    for (const channel of REQUEST_CHANNELS) await api[REQUEST_METHOD_NAMES[channel]]!({});
    expect(invoked.map(([channel]) => channel)).toEqual(REQUEST_CHANNELS);
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
