import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src-renderer/transport/renderer-transport';
import { createWebSocketTransport } from '../../src-renderer/transport/websocket-transport';
import type { SocketLike } from '../../src-renderer/transport/websocket-transport';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { ms: number; run: () => void; cleared: boolean }[] = [];
  const states: ConnectionState[] = [];
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:1/ws',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    timers: {
      setTimeout: (run, ms) => {
        const timer = { ms, run, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    },
    initialBackoffMs: 100,
    maxBackoffMs: 1000,
  });
  transport.onConnection((state) => states.push(state));
  const last = () => sockets[sockets.length - 1];
  return { transport, sockets, timers, states, last };
}

describe('WebSocket transport', () => {
  it('sends requests as {id, channel, payload} and resolves them by id', async () => {
    const { transport, last } = setup();
    last().open();
    const first = transport.invoke('downloads:pause', { ids: ['a'] });
    const second = transport.invoke('settings:get', {});
    expect(last().sent).toEqual([
      { id: 1, channel: 'downloads:pause', payload: { ids: ['a'] } },
      { id: 2, channel: 'settings:get', payload: {} },
    ]);
    last().receive({
      id: 2,
      result: { ok: false, error: { code: 'INTERNAL', message: 'x', retryable: false } },
    });
    last().receive({ id: 1, result: { ok: true, value: undefined } });
    expect(await first).toEqual({ ok: true, value: undefined });
    expect(await second).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers pushed events to the listeners of that channel only, until unsubscribed', () => {
    const { transport, last } = setup();
    last().open();
    const removed: unknown[] = [];
    const unsubscribe = transport.on('downloads:removed', (payload) => removed.push(payload));
    last().receive({ event: 'downloads:removed', payload: { ids: ['a'] } });
    last().receive({ event: 'downloads:status-changed', payload: {} });
    last().receive({ event: 'not-a-channel', payload: {} });
    unsubscribe();
    last().receive({ event: 'downloads:removed', payload: { ids: ['b'] } });
    expect(removed).toEqual([{ ids: ['a'] }]);
  });

  it('fails requests in flight with a clear error when the connection drops', async () => {
    const { transport, last } = setup();
    last().open();
    const pending = transport.invoke('downloads:list', {});
    last().drop();
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK', retryable: true } });
    expect(result.ok ? '' : result.error.message).toMatch(/connection to the downloader dropped/);
  });

  it('refuses requests at once while disconnected instead of queueing them', async () => {
    const { transport, last } = setup();
    last().open();
    last().drop();
    const result = await transport.invoke('downloads:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(result.ok ? '' : result.error.message).toMatch(/Not connected/);
  });

  it('reconnects with doubling backoff up to the cap, and resets it after a successful connection', () => {
    const { sockets, timers, states, last } = setup();
    last().drop();
    for (let i = 0; i < 5; i += 1) {
      timers[timers.length - 1].run();
      last().drop();
    }
    expect(timers.map((t) => t.ms)).toEqual([100, 200, 400, 800, 1000, 1000]);
    timers[timers.length - 1].run();
    last().open();
    last().drop();
    expect(timers[timers.length - 1].ms).toBe(100);
    expect(sockets).toHaveLength(7);
    expect(states.slice(0, 3)).toEqual(['connecting', 'disconnected', 'connecting']);
    expect(states).toContain('connected');
  });

  it('"Reconnect now" skips the remaining backoff', () => {
    const { transport, sockets, timers, last } = setup();
    last().drop();
    transport.reconnectNow();
    expect(timers[0].cleared).toBe(true);
    expect(sockets).toHaveLength(2);
  });

  it('stops reconnecting and says why when the server says the page is not signed in', async () => {
    const { transport, timers, states, last } = setup();
    last().open();
    const inFlight = transport.invoke('downloads:list', {});
    last().drop(4401);
    expect(await inFlight).toMatchObject({ ok: false, error: { message: /not signed in/ } });
    expect(states[states.length - 1]).toBe('unauthorized');
    expect(timers).toEqual([]);
    expect(await transport.invoke('downloads:list', {})).toMatchObject({
      ok: false,
      error: { retryable: false },
    });
  });
});
