import { describe, expect, it } from 'vitest';
import type { RequestChannel } from '../../src-shared/ipc-contract';
import { cancelConfirmation, pauseConfirmation } from '../../src-renderer/lib/confirm-text';
import { createAppStore } from '../../src-renderer/store/app-store';
import { createCommands } from '../../src-renderer/store/commands';
import { createQueueActions } from '../../src-renderer/store/queue-actions';
import type { RendererTransport } from '../../src-renderer/transport/renderer-transport';
import { download } from './renderer-fixtures';

const MIB = 1024 * 1024;

/** A host that accepts everything and records what was asked. */
function recordingTransport() {
  const calls: { channel: RequestChannel; payload: unknown }[] = [];
  const transport: RendererTransport = {
    canChooseFolder: false,
    invoke: (channel, payload) => {
      calls.push({ channel, payload });
      return Promise.resolve({ ok: true, value: undefined } as never);
    },
    on: () => () => undefined,
    onConnection: () => () => undefined,
    reconnectNow: () => undefined,
  };
  return { transport, calls };
}

function setup() {
  const store = createAppStore();
  store
    .getState()
    .replaceAll([
      download('big', { fileName: 'big.iso', totalBytes: 1000 * MIB, downloadedBytes: 312 * MIB }),
      download('fresh', { fileName: 'fresh.iso', downloadedBytes: 0 }),
      download('stream', { fileName: 'stream.bin', rangeSupported: false, downloadedBytes: 40 * MIB }),
      download('held', { status: 'paused', downloadedBytes: MIB }),
      download('done', { status: 'completed', downloadedBytes: 1000 }),
    ]);
  const host = recordingTransport();
  const actions = createQueueActions(store, createCommands(store, host.transport));
  return { store, actions, calls: host.calls };
}

describe('actions that lose data ask first', () => {
  it('cancelling a download with data asks "Cancel and delete the 312 MiB downloaded so far?" and waits', () => {
    const { store, actions, calls } = setup();
    actions.cancel(['big']);
    expect(calls).toEqual([]);
    expect(store.getState().pendingConfirm).toEqual({ action: 'cancel', ids: ['big'] });
    const text = cancelConfirmation([store.getState().downloads.big]);
    expect(text?.title).toBe('Cancel and delete the 312 MiB downloaded so far?');
    actions.confirm();
    expect(calls).toEqual([{ channel: 'downloads:cancel', payload: { ids: ['big'] } }]);
    expect(store.getState().pendingConfirm).toBeNull();
  });

  it('cancelling before any byte arrived needs no question', () => {
    const { store, actions, calls } = setup();
    actions.cancel(['fresh']);
    expect(store.getState().pendingConfirm).toBeNull();
    expect(calls).toEqual([{ channel: 'downloads:cancel', payload: { ids: ['fresh'] } }]);
  });

  it('pausing a download whose server has no ranges warns that its progress will be lost', () => {
    const { store, actions, calls } = setup();
    actions.pause(['stream', 'big']);
    expect(calls).toEqual([]);
    expect(store.getState().pendingConfirm).toEqual({ action: 'pause', ids: ['stream', 'big'] });
    const text = pauseConfirmation([store.getState().downloads.stream, store.getState().downloads.big]);
    expect(text?.title).toBe('Pause and lose the 40.0 MiB downloaded so far?');
    expect(text?.detail).toContain('"stream.bin"');
    store.getState().closeConfirm();
    expect(calls).toEqual([]);
  });

  it('pausing where the server can resume happens at once; Space asks too when it would lose data', () => {
    const { store, actions, calls } = setup();
    actions.pause(['big']);
    expect(calls).toEqual([{ channel: 'downloads:pause', payload: { ids: ['big'] } }]);
    actions.togglePause(['stream']);
    expect(store.getState().pendingConfirm?.action).toBe('pause');
  });

  it('Pause all, Resume all and Clear completed act on every download that fits', async () => {
    const { store, actions, calls } = setup();
    actions.pauseAll();
    expect(store.getState().pendingConfirm).toEqual({ action: 'pause', ids: ['big', 'fresh', 'stream'] });
    actions.resumeAll();
    actions.clearCompleted();
    await Promise.resolve();
    expect(calls).toEqual([
      { channel: 'downloads:resume', payload: { ids: ['held'] } },
      { channel: 'downloads:remove', payload: { ids: ['done'], deleteFile: false } },
    ]);
  });
});
