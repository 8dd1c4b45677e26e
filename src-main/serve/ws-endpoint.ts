// The contract over a WebSocket: `{id, channel, payload}` in, `{id, result}` out, `{event, payload}`
// pushed. A malformed message gets an INVALID_INPUT answer; it never closes the connection.
import type { RawData, WebSocket } from 'ws';
import type { Result, WsResponseMessage, WsServerMessage } from '../../src-shared/ipc-contract';
import { redactSnapshot } from '../../src-shared/redact-url';
import type { DownloadEngineApi } from '../engine/engine-api';
import { forwardEvents } from '../host/event-forwarder';
import type { RequestRouter } from '../host/request-router';
import type { SettingsStore } from '../host/settings-store';

/** Largest accepted message; 1000 URLs with options fit easily. ws closes the socket (1009) beyond it. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/**
 * A client this far behind skips progress batches; state changes are always sent. Batches are deltas,
 * so once it keeps up again it gets every download's full state before the next delta.
 */
const MAX_BUFFERED_FOR_PROGRESS_BYTES = 1024 * 1024;
const MAX_REQUEST_ID_LENGTH = 64;

export interface WsEndpointDeps {
  engine: Pick<DownloadEngineApi, 'on' | 'list'>;
  settings: Pick<SettingsStore, 'onChanged'>;
  router: RequestRouter;
}

type RequestId = WsResponseMessage['id'];

function invalid(message: string): Result<never> {
  return { ok: false, error: { code: 'INVALID_INPUT', message, retryable: false } };
}

function requestIdOf(message: Record<string, unknown>): RequestId | undefined {
  const { id } = message;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length > 0 && id.length <= MAX_REQUEST_ID_LENGTH) return id;
  return undefined;
}

/** Parses one client message into a request or the answer that refuses it. */
export function parseClientMessage(
  data: RawData,
  isBinary: boolean,
): { id: RequestId; channel: unknown; payload: unknown } | WsResponseMessage {
  if (isBinary) return { id: null, result: invalid('Binary messages are not supported') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString());
  } catch {
    return { id: null, result: invalid('Message is not valid JSON') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { id: null, result: invalid('Message must be an object {id, channel, payload}') };
  }
  const message = parsed as Record<string, unknown>;
  const id = requestIdOf(message);
  if (id === undefined) return { id: null, result: invalid('Message needs an id (number or short string)') };
  return { id, channel: message.channel, payload: message.payload };
}

export function attachClient(socket: WebSocket, deps: WsEndpointDeps): void {
  const send = (message: WsServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  let skippedProgress = false;
  const stop = forwardEvents(deps.engine, deps.settings, (event, payload) => {
    if (event === 'downloads:progressed') {
      if (socket.bufferedAmount > MAX_BUFFERED_FOR_PROGRESS_BYTES) {
        skippedProgress = true;
        return;
      }
      if (skippedProgress) {
        skippedProgress = false;
        for (const snapshot of deps.engine.list()) {
          send({ event: 'downloads:status-changed', payload: redactSnapshot(snapshot) });
        }
        return;
      }
    }
    send({ event, payload });
  });

  socket.on('message', (data, isBinary) => {
    const parsed = parseClientMessage(data, isBinary);
    if ('result' in parsed) {
      send(parsed);
      return;
    }
    void deps.router.handle(parsed.channel, parsed.payload).then((result) => send({ id: parsed.id, result }));
  });
  socket.on('close', stop);
  socket.on('error', () => socket.terminate());
}
