// Picks the host the UI talks to: the Electron preload (`window.pdl`), a transport injected by the
// UI benchmark (`window.__PDL_TRANSPORT__`, set before the page's scripts run; nothing in the product
// sets it), or the WebSocket of `pdl serve`.
import type { PreloadApi, Transport } from '../../src-shared/ipc-contract';
import { openBrowserSocket } from './browser-socket';
import { transportFromPreload } from './preload-transport';
import { alwaysConnected } from './renderer-transport';
import type { RendererTransport } from './renderer-transport';
import { createWebSocketTransport } from './websocket-transport';
import { webSocketUrl } from './websocket-url';

declare global {
  interface Window {
    pdl?: PreloadApi;
    __PDL_TRANSPORT__?: Transport;
  }
}

export function selectTransport(win: Window): RendererTransport {
  if (win.pdl !== undefined) return alwaysConnected(transportFromPreload(win.pdl), true);
  if (win.__PDL_TRANSPORT__ !== undefined) return alwaysConnected(win.__PDL_TRANSPORT__, false);
  return createWebSocketTransport({
    url: webSocketUrl(win.location.href),
    createSocket: openBrowserSocket,
    timers: {
      setTimeout: (callback, ms) => win.setTimeout(callback, ms),
      clearTimeout: (h) => win.clearTimeout(h as number),
    },
  });
}
