import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, type Result } from '../../src-shared/ipc-contract';
import { registerIpc, type IpcMainLike } from '../../src-main/app/ipc-registration';
import { createTrustedSenderCheck, type IpcEventLike } from '../../src-main/app/trusted-sender';
import type { RequestRouter } from '../../src-main/host/request-router';

const PAGE = 'app://pdl/index.html';

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, payload: unknown) => Promise<Result<unknown>>>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipc, handlers };
}

function recordingRouter(): RequestRouter & { seen: unknown[][] } {
  const seen: unknown[][] = [];
  return {
    seen,
    handle: async (channel, payload) => (seen.push([channel, payload]), { ok: true, value: 'done' }),
  };
}

describe('Electron IPC handlers', () => {
  const mainFrame = { url: `${PAGE}#/downloads` };
  const window = { webContents: { mainFrame } };
  const isTrusted = createTrustedSenderCheck(() => window, PAGE);

  it('registers exactly the contract channels and removes them again', () => {
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerIpc(ipc, recordingRouter(), isTrusted);
    expect([...handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('passes a request from the main frame of our window to the router', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const router = recordingRouter();
    registerIpc(ipc, router, isTrusted);
    const result = await handlers.get('downloads:pause')?.(
      { sender: window.webContents, senderFrame: mainFrame },
      { ids: ['a'] },
    );
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(router.seen).toEqual([['downloads:pause', { ids: ['a'] }]]);
  });

  it('refuses requests from subframes, other windows, foreign pages and destroyed frames', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const router = recordingRouter();
    registerIpc(ipc, router, isTrusted);
    const pause = handlers.get('downloads:pause');
    const senders: IpcEventLike[] = [
      { sender: window.webContents, senderFrame: { url: PAGE } },
      { sender: { mainFrame }, senderFrame: mainFrame },
      { sender: window.webContents, senderFrame: null },
    ];
    const foreign = { webContents: { mainFrame: { url: 'app://evil/index.html' } } };
    const foreignCheck = createTrustedSenderCheck(() => foreign, PAGE);
    for (const event of senders) {
      expect(await pause?.(event, { ids: ['a'] })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(foreignCheck({ sender: foreign.webContents, senderFrame: foreign.webContents.mainFrame })).toBe(
      false,
    );
    expect(router.seen).toEqual([]);
  });

  it('trusts the dev server origin when the page comes from it', () => {
    const devFrame = { url: 'http://localhost:5173/' };
    const devWindow = { webContents: { mainFrame: devFrame } };
    const check = createTrustedSenderCheck(() => devWindow, 'http://localhost:5173');
    expect(check({ sender: devWindow.webContents, senderFrame: devFrame })).toBe(true);
    devFrame.url = 'http://localhost:5174/';
    expect(check({ sender: devWindow.webContents, senderFrame: devFrame })).toBe(false);
  });
});
