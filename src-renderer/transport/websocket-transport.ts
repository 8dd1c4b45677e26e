// The transport of `pdl serve`: requests and pushed events over one WebSocket, reconnecting with
// backoff. Requests in flight when the socket drops fail at once instead of hanging.
import type { ErrorInfo } from '../../src-shared/download-types';
import { isEventChannel, WS_CLOSE_NOT_SIGNED_IN } from '../../src-shared/ipc-contract';
import type {
  EventChannel,
  EventMap,
  RequestChannel,
  RequestValue,
  Result,
} from '../../src-shared/ipc-contract';
import { notConnectedError } from './renderer-transport';
import type { ConnectionState, RendererTransport } from './renderer-transport';

/** The subset of the browser WebSocket this transport uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: (() => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WebSocketTransportOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  timers: Timers;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

const SOCKET_OPEN = 1;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

type Pending = (result: Result<unknown>) => void;

const NOT_SIGNED_IN: ErrorInfo = {
  code: 'INVALID_INPUT',
  message: 'This page is not signed in to pdl serve. Open the address it printed when it started.',
  retryable: false,
};
type AnyListener = (payload: unknown) => void;

export function createWebSocketTransport(options: WebSocketTransportOptions): RendererTransport {
  const initialBackoffMs = options.initialBackoffMs ?? INITIAL_BACKOFF_MS;
  const maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<EventChannel, Set<AnyListener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let nextRequestId = 1;
  let failedAttempts = 0;
  let reconnectTimer: unknown = null;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  }

  function failPending(error: ErrorInfo): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve({ ok: false, error });
  }

  function connect(): void {
    reconnectTimer = null;
    setState('connecting');
    const current = options.createSocket(options.url);
    socket = current;
    current.onopen = () => {
      failedAttempts = 0;
      setState('connected');
    };
    current.onmessage = (event) => {
      if (typeof event.data === 'string') handleMessage(event.data);
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      if (event.code === WS_CLOSE_NOT_SIGNED_IN) {
        // A restarted server (new token) or a page opened without the link: only the link helps.
        failPending(NOT_SIGNED_IN);
        setState('unauthorized');
        return;
      }
      failPending({
        code: 'NETWORK',
        message:
          'The connection to the downloader dropped before it answered. Check the list, then try again.',
        retryable: true,
      });
      setState('disconnected');
      const delay = Math.min(maxBackoffMs, initialBackoffMs * 2 ** failedAttempts);
      failedAttempts += 1;
      reconnectTimer = options.timers.setTimeout(connect, delay);
    };
  }

  function handleMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const record = message as Record<string, unknown>;
    if (typeof record.id === 'number' && typeof record.result === 'object' && record.result !== null) {
      const resolve = pending.get(record.id);
      pending.delete(record.id);
      resolve?.(record.result as Result<unknown>);
    } else if (isEventChannel(record.event)) {
      for (const listener of eventListeners.get(record.event) ?? []) listener(record.payload);
    }
  }

  connect();

  return {
    canChooseFolder: false,
    invoke<C extends RequestChannel>(channel: C, payload: unknown): Promise<Result<RequestValue<C>>> {
      if (state === 'unauthorized') return Promise.resolve({ ok: false, error: NOT_SIGNED_IN });
      if (socket === null || socket.readyState !== SOCKET_OPEN || state !== 'connected') {
        return Promise.resolve({ ok: false, error: notConnectedError() });
      }
      const id = nextRequestId++;
      const sent = socket;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        sent.send(JSON.stringify({ id, channel, payload }));
      });
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void): () => void {
      const listeners = eventListeners.get(channel) ?? new Set<AnyListener>();
      eventListeners.set(channel, listeners);
      const wrapped = listener as AnyListener;
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    reconnectNow() {
      if (reconnectTimer === null) return;
      options.timers.clearTimeout(reconnectTimer);
      connect();
    },
  };
}
