// What the renderer needs from a host beyond the shared contract: how it is connected.
import type { ErrorInfo } from '../../src-shared/download-types';
import type { Transport } from '../../src-shared/ipc-contract';

/** 'unauthorized': the server says this page is not signed in (no or stale session); retrying cannot help. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

export interface RendererTransport extends Transport {
  /** A native folder picker exists only in the desktop app. */
  readonly canChooseFolder: boolean;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Skips the remaining backoff and tries to connect at once. */
  reconnectNow(): void;
}

export function notConnectedError(): ErrorInfo {
  return {
    code: 'NETWORK',
    message: 'Not connected to the downloader. It reconnects by itself; try again once it is back.',
    retryable: true,
  };
}

/** Wraps a transport that is connected for as long as the page lives (Electron IPC, test hosts). */
export function alwaysConnected(transport: Transport, canChooseFolder: boolean): RendererTransport {
  return {
    canChooseFolder,
    invoke: (channel, payload) => transport.invoke(channel, payload),
    on: (channel, listener) => transport.on(channel, listener),
    onConnection(listener) {
      listener('connected');
      return () => undefined;
    },
    reconnectNow: () => undefined,
  };
}
