// The one object the preload exposes to the page (`window.pdl`): one named function per contract
// request, built from the contract's allowlist, plus event subscription. ipcRenderer itself never
// reaches the page, and the page cannot name an IPC channel.
import type { EventChannel, EventMap, PreloadApi } from '../../src-shared/ipc-contract';
import { isEventChannel, REQUEST_CHANNELS, REQUEST_METHOD_NAMES } from '../../src-shared/ipc-contract';

export const PRELOAD_API_NAME = 'pdl';

type IpcListener = (event: unknown, payload: unknown) => void;

export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export function createPreloadApi(ipc: IpcRendererLike): PreloadApi {
  const methods: Record<string, (payload: unknown) => Promise<unknown>> = {};
  for (const channel of REQUEST_CHANNELS) {
    methods[REQUEST_METHOD_NAMES[channel]] = (payload) => ipc.invoke(channel, payload);
  }
  return {
    // Each function's types come from PreloadApi, which is derived from the same table.
    ...(methods as unknown as Omit<PreloadApi, 'on'>),
    on<E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void) {
      if (!isEventChannel(channel)) throw new Error(`Unknown event channel: ${String(channel)}`);
      // The IPC event object (with its sender) stays in the preload; the page gets the payload only.
      const wrapped: IpcListener = (_event, payload) => listener(payload as EventMap[E]);
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  };
}
