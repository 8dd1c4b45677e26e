// The one object the preload exposes to the page (`window.pdl`): the contract's Transport, built
// from the channel allowlists. ipcRenderer itself never reaches the page.
import type {
  EventChannel,
  EventMap,
  RequestChannel,
  Result,
  Transport,
} from '../../src-shared/ipc-contract';
import { isEventChannel, isRequestChannel } from '../../src-shared/ipc-contract';

export const PRELOAD_API_NAME = 'pdl';

type IpcListener = (event: unknown, payload: unknown) => void;

export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export function createPreloadApi(ipc: IpcRendererLike): Transport {
  return {
    invoke(channel: RequestChannel, payload: unknown) {
      if (!isRequestChannel(channel)) {
        const error = {
          code: 'INVALID_INPUT',
          message: `Unknown channel: ${String(channel)}`,
          retryable: false,
        } as const;
        return Promise.resolve({ ok: false, error });
      }
      return ipc.invoke(channel, payload) as Promise<Result<never>>;
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void) {
      if (!isEventChannel(channel)) throw new Error(`Unknown event channel: ${String(channel)}`);
      // The IPC event object (with its sender) stays in the preload; the page gets the payload only.
      const wrapped: IpcListener = (_event, payload) => listener(payload as EventMap[E]);
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  };
}
