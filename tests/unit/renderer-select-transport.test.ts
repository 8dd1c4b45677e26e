import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../src-shared/ipc-contract';
import type { ConnectionState } from '../../src-renderer/transport/renderer-transport';
import { selectTransport } from '../../src-renderer/transport/select-transport';

function fakeWindow(href: string, extra: Partial<Window> = {}): Window {
  const storage = new Map<string, string>();
  return {
    location: { href },
    sessionStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
    },
    history: { replaceState: () => undefined },
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
    const transport = selectTransport(fakeWindow('file:///index.html', { pdl: hostTransport() }));
    expect(transport.canChooseFolder).toBe(true);
    expect(connectionOf(transport)).toBe('connected');
    expect(await transport.invoke('dialog:choose-folder', {})).toEqual({ ok: true, value: 'from host' });
  });

  it('without a token, does not connect and reports the page as unauthorized', () => {
    const opened = vi.fn();
    vi.stubGlobal('WebSocket', opened);
    const transport = selectTransport(fakeWindow('http://127.0.0.1:1/'));
    expect(connectionOf(transport)).toBe('unauthorized');
    expect(opened).not.toHaveBeenCalled();
  });

  it('with a token, opens the WebSocket of pdl serve on the same host', () => {
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
    const transport = selectTransport(fakeWindow('http://127.0.0.1:4321/?token=secret'));
    expect(urls).toEqual(['ws://127.0.0.1:4321/ws?token=secret']);
    expect(connectionOf(transport)).toBe('connecting');
  });
});
