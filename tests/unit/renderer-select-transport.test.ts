import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../src-shared/ipc-contract';
import type { ConnectionState } from '../../src-renderer/transport/renderer-transport';
import { createPreloadApi } from '../../src-main/app/preload-api';
import { selectTransport } from '../../src-renderer/transport/select-transport';

function fakeWindow(href: string, extra: Partial<Window> = {}): Window {
  return {
    location: { href },
    setTimeout: () => 0,
    clearTimeout: () => undefined,
    ...extra,
  } as unknown as Window;
}

function hostTransport(): Transport {
  return {
    invoke: () => Promise.resolve({ ok: true, value: 'from host' as never }),
    on: () => () => undefined,
  };
}

function connectionOf(transport: {
  onConnection(l: (s: ConnectionState) => void): () => void;
}): ConnectionState {
  let state: ConnectionState = 'connecting';
  transport.onConnection((next) => (state = next));
  return state;
}

afterEach(() => vi.unstubAllGlobals());

describe('choosing the host transport', () => {
  it('uses the Electron preload when the page has window.pdl, with the native folder picker', async () => {
    const invoked: string[] = [];
    const pdl = createPreloadApi({
      invoke: async (channel) => (invoked.push(channel), { ok: true, value: 'from host' }),
      on: () => undefined,
      removeListener: () => undefined,
    });
    const transport = selectTransport(fakeWindow('app://pdl/index.html', { pdl }));
    expect(transport.canChooseFolder).toBe(true);
    expect(connectionOf(transport)).toBe('connected');
    expect(await transport.invoke('dialog:choose-folder', {})).toEqual({ ok: true, value: 'from host' });
    expect(invoked).toEqual(['dialog:choose-folder']);
  });

  it('uses a transport injected before start-up (the benchmark seam), without a folder picker', () => {
    const transport = selectTransport(
      fakeWindow('http://127.0.0.1:1/', { __PDL_TRANSPORT__: hostTransport() }),
    );
    expect(transport.canChooseFolder).toBe(false);
    expect(connectionOf(transport)).toBe('connected');
  });

  it('opens the WebSocket of pdl serve on the same host, without any token in its address', () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'WebSocket',
      class {
        readyState = 0;
        constructor(url: string) {
          urls.push(url);
        }
      },
    );
    const transport = selectTransport(fakeWindow('http://127.0.0.1:4321/?view=all'));
    expect(urls).toEqual(['ws://127.0.0.1:4321/ws']);
    expect(connectionOf(transport)).toBe('connecting');
  });
});
