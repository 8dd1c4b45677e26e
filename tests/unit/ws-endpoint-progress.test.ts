// A WebSocket client that falls behind skips progress deltas, then gets full states before the next
// delta, so what it shows never misses a change.
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { WsServerMessage } from '../../src-shared/ipc-contract';
import { progressDelta } from '../../src-shared/progress-delta';
import type { RequestRouter } from '../../src-main/host/request-router';
import { attachClient } from '../../src-main/serve/ws-endpoint';
import { createFakeEngine } from '../support/fake-engine';

function fakeSocket() {
  const sent: WsServerMessage[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (text: string) => sent.push(JSON.parse(text) as WsServerMessage),
    on: () => socket,
    terminate: () => undefined,
  };
  return { socket, sent };
}

describe('progress to a WebSocket client that falls behind', () => {
  it('skips deltas while the client is behind, then sends every full state instead of the next one', async () => {
    const engine = createFakeEngine();
    const { socket, sent } = fakeSocket();
    const router = {
      handle: () => Promise.resolve({ ok: true, value: undefined }),
    } as unknown as RequestRouter;
    attachClient(socket as unknown as WebSocket, {
      engine,
      settings: { onChanged: () => () => undefined },
      router,
    });
    const added = await engine.add({ url: 'http://h/a.bin' });
    sent.length = 0;
    const batch = { at: 1, downloads: [progressDelta(added, undefined)] };

    socket.bufferedAmount = 2 * 1024 * 1024;
    engine.emit('progressed', batch);
    expect(sent).toEqual([]);

    socket.bufferedAmount = 0;
    engine.emit('progressed', batch);
    expect(sent).toEqual([
      { event: 'downloads:status-changed', payload: expect.objectContaining({ id: added.id, chunks: [] }) },
    ]);

    engine.emit('progressed', batch);
    expect(sent[1]).toMatchObject({ event: 'downloads:progressed' });
  });
});
