import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../src-shared/download-types';
import type { EventChannel, EventMap, RequestChannel, Result } from '../../src-shared/ipc-contract';
import { createAppStore } from '../../src-renderer/store/app-store';
import { bindTransport } from '../../src-renderer/store/bind-transport';
import { createCommands } from '../../src-renderer/store/commands';
import type { ConnectionState, RendererTransport } from '../../src-renderer/transport/renderer-transport';
import { download } from './renderer-fixtures';

type Handler = (payload: unknown) => Result<unknown>;

/** A host answering from `handlers`; records every request and can push events and connection states. */
function fakeHost(handlers: Partial<Record<RequestChannel, Handler>>) {
  const calls: { channel: RequestChannel; payload: unknown }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  let connection: (state: ConnectionState) => void = () => undefined;
  const transport: RendererTransport = {
    canChooseFolder: false,
    invoke: (channel, payload) => {
      calls.push({ channel, payload });
      const handler = handlers[channel];
      return Promise.resolve((handler ? handler(payload) : { ok: true, value: undefined }) as never);
    },
    on: (channel, listener) => {
      listeners.set(channel, listener as (payload: unknown) => void);
      return () => listeners.delete(channel);
    },
    onConnection: (listener) => {
      connection = listener;
      return () => undefined;
    },
    reconnectNow: () => undefined,
  };
  return {
    transport,
    calls,
    push: <E extends EventChannel>(channel: E, payload: EventMap[E]) => listeners.get(channel)?.(payload),
    setConnection: (state: ConnectionState) => connection(state),
  };
}

const refused: ErrorInfo = { code: 'NOT_FOUND', message: 'No such download', retryable: false };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('renderer commands', () => {
  it('adds every URL with the options, one file name only for a single URL', async () => {
    const host = fakeHost({
      'downloads:add': () => ({ ok: true, value: [download('n1', { status: 'queued' })] }),
    });
    const store = createAppStore();
    const commands = createCommands(store, host.transport);
    const checksum = { algorithm: 'sha256' as const, hex: 'ab'.repeat(32) };
    expect(
      await commands.add(['http://h/a', 'http://h/b'], { fileName: 'x.bin', connections: 4, checksum }),
    ).toBe(true);
    expect(host.calls[0].payload).toEqual({
      items: [
        { url: 'http://h/a', connections: 4, checksums: [checksum] },
        { url: 'http://h/b', connections: 4, checksums: [checksum] },
      ],
    });
    expect(store.getState().order).toEqual(['n1']);
  });

  it('shows a refused request as a UI error with its code', async () => {
    const host = fakeHost({ 'downloads:pause': () => ({ ok: false, error: refused }) });
    const store = createAppStore();
    await createCommands(store, host.transport).pause(['a']);
    expect(store.getState().errors).toEqual([
      { id: expect.any(Number), code: 'NOT_FOUND', message: 'No such download' },
    ]);
  });

  it('Space pauses the running downloads of the selection, or resumes the paused ones when none runs', async () => {
    const host = fakeHost({});
    const store = createAppStore();
    store
      .getState()
      .replaceAll([
        download('run'),
        download('held', { status: 'paused' }),
        download('done', { status: 'completed' }),
      ]);
    const commands = createCommands(store, host.transport);
    await commands.togglePause(['run', 'held', 'done']);
    await commands.togglePause(['held', 'done']);
    expect(host.calls).toEqual([
      { channel: 'downloads:pause', payload: { ids: ['run'] } },
      { channel: 'downloads:resume', payload: { ids: ['held'] } },
    ]);
  });

  it('moves a row at once and restores the engine order when the engine refuses', async () => {
    const host = fakeHost({
      'downloads:reorder': () => ({ ok: false, error: refused }),
      'downloads:list': () => ({ ok: true, value: [download('a'), download('b')] }),
      'settings:get': () => ({ ok: false, error: refused }),
    });
    const store = createAppStore();
    store.getState().replaceAll([download('a'), download('b')]);
    const pending = createCommands(store, host.transport).reorder('b', 0);
    expect(store.getState().order).toEqual(['b', 'a']);
    await pending;
    expect(store.getState().order).toEqual(['a', 'b']);
  });

  it('sends no reorder for a move past either end of the queue, so no error can pop up', async () => {
    const host = fakeHost({ 'downloads:reorder': () => ({ ok: false, error: refused }) });
    const store = createAppStore();
    store.getState().replaceAll([download('a'), download('b')]);
    const commands = createCommands(store, host.transport);
    await commands.reorder('a', -1);
    await commands.reorder('b', 2);
    await commands.reorder('a', 0);
    expect(host.calls).toEqual([]);
    expect(store.getState().errors).toEqual([]);
    expect(store.getState().order).toEqual(['a', 'b']);
  });
});

describe('binding the store to a host', () => {
  it('loads the list and settings on every (re)connect and applies pushed events', async () => {
    const host = fakeHost({
      'downloads:list': () => ({ ok: true, value: [download('a'), download('b')] }),
      'settings:get': () => ({ ok: true, value: { theme: 'dark' } }),
    });
    const store = createAppStore();
    bindTransport(store, host.transport);
    host.setConnection('connected');
    await flush();
    expect(store.getState()).toMatchObject({ connection: 'connected', loaded: true, order: ['a', 'b'] });
    expect(store.getState().settings?.theme).toBe('dark');

    host.push('downloads:progressed', { at: 1, downloads: [download('a', { downloadedBytes: 10 })] });
    host.push('downloads:removed', { ids: ['b'] });
    expect(store.getState().downloads.a.downloadedBytes).toBe(10);
    expect(store.getState().order).toEqual(['a']);

    host.setConnection('disconnected');
    expect(store.getState().connection).toBe('disconnected');
    host.setConnection('connected');
    await flush();
    expect(host.calls.filter((call) => call.channel === 'downloads:list')).toHaveLength(2);
  });
});

describe('opening a finished download that would run code', () => {
  it('asks the user instead of showing an error, and opens only after a yes', async () => {
    const host = fakeHost({
      'shell:open-file': (payload) =>
        (payload as { confirmed?: boolean }).confirmed === true
          ? { ok: true, value: null }
          : {
              ok: false,
              error: { code: 'CONFIRMATION_REQUIRED', message: '"setup.exe" is a program', retryable: false },
            },
    });
    const store = createAppStore();
    const commands = createCommands(store, host.transport);

    await commands.openFile('d1');
    expect(commands.openConfirmation.getState().question).toEqual({
      id: 'd1',
      message: '"setup.exe" is a program',
    });
    expect(store.getState().errors).toEqual([]);

    await commands.openFile('d1', true);
    expect(host.calls.map((call) => call.payload)).toEqual([{ id: 'd1' }, { id: 'd1', confirmed: true }]);
    expect(store.getState().errors).toEqual([]);
  });
});
