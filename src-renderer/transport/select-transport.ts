// Picks the host the UI talks to: the Electron preload (`window.pdl`) or the WebSocket of `pdl serve`.
import type { Transport } from '../../src-shared/ipc-contract';
import { takeAccessToken, webSocketUrl } from './access-token';
import { openBrowserSocket } from './browser-socket';
import { alwaysConnected } from './renderer-transport';
import type { RendererTransport } from './renderer-transport';
import { createUnauthorizedTransport, createWebSocketTransport } from './websocket-transport';

declare global {
  interface Window {
    pdl?: Transport;
  }
}

export function selectTransport(win: Window): RendererTransport {
  if (win.pdl !== undefined) return alwaysConnected(win.pdl, true);
  const token = takeAccessToken({
    location: win.location,
    storage: win.sessionStorage,
    history: win.history,
  });
  if (token === null) return createUnauthorizedTransport();
  return createWebSocketTransport({
    url: webSocketUrl(win.location.href, token),
    createSocket: openBrowserSocket,
    timers: {
      setTimeout: (callback, ms) => win.setTimeout(callback, ms),
      clearTimeout: (h) => win.clearTimeout(h as number),
    },
  });
}
