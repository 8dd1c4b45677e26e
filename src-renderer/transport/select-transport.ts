// Picks the host the UI talks to: the Electron preload (`window.pdl`) or the WebSocket of `pdl serve`.
import type { PreloadApi } from '../../src-shared/ipc-contract';
import { openBrowserSocket } from './browser-socket';
import { transportFromPreload } from './preload-transport';
import { alwaysConnected } from './renderer-transport';
import type { RendererTransport } from './renderer-transport';
import { createWebSocketTransport } from './websocket-transport';
import { webSocketUrl } from './websocket-url';

declare global {
  interface Window {
    pdl?: PreloadApi;
  }
}

export function selectTransport(win: Window): RendererTransport {
  if (win.pdl !== undefined) return alwaysConnected(transportFromPreload(win.pdl), true);
  return createWebSocketTransport({
    url: webSocketUrl(win.location.href),
    createSocket: openBrowserSocket,
    timers: {
      setTimeout: (callback, ms) => win.setTimeout(callback, ms),
      clearTimeout: (h) => win.clearTimeout(h as number),
    },
  });
}
