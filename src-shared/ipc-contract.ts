// The one contract between the UI and whatever hosts the engine (Electron main or `pdl serve`).
// Channel names appear only here; the runtime allowlists are derived from these maps.
import type {
  AddDownloadOptions,
  DownloadSnapshot,
  EngineSettings,
  ErrorInfo,
  ProgressBatch,
} from './download-types';

export type Theme = 'light' | 'dark' | 'system';

export interface AppSettings extends EngineSettings {
  theme: Theme;
}

/** The aria2-compatible RPC endpoint as Settings shows it, for pasting into a browser extension. */
export type RpcEndpointInfo =
  { enabled: true; url: string; secret: string } | { enabled: false; message: string };

export interface IdsPayload {
  ids: string[];
}

/** Requests: channel → (payload) → result value. */
export interface RequestMap {
  'downloads:add': (payload: { items: AddDownloadOptions[] }) => DownloadSnapshot[];
  'downloads:pause': (payload: IdsPayload) => void;
  'downloads:resume': (payload: IdsPayload) => void;
  'downloads:cancel': (payload: IdsPayload) => void;
  'downloads:retry': (payload: IdsPayload) => void;
  'downloads:remove': (payload: IdsPayload & { deleteFile: boolean }) => void;
  'downloads:reorder': (payload: { id: string; toIndex: number }) => void;
  'downloads:list': (payload: Record<string, never>) => DownloadSnapshot[];
  'downloads:refresh-url': (payload: { id: string; url: string }) => void;
  'settings:get': (payload: Record<string, never>) => AppSettings;
  'settings:update': (payload: Partial<AppSettings>) => AppSettings;
  'dialog:choose-folder': (payload: Record<string, never>) => string | null;
  'shell:open-file': (payload: { id: string }) => void;
  'shell:show-in-folder': (payload: { id: string }) => void;
  'rpc:get-endpoint': (payload: Record<string, never>) => RpcEndpointInfo;
}

/** Events pushed to the UI: channel → payload. */
export interface EventMap {
  /** Sampled: one batch per tick with only the downloads whose progress changed. */
  'downloads:progressed': ProgressBatch;
  /** Pushed at once on every status change (including additions). */
  'downloads:status-changed': DownloadSnapshot;
  'downloads:removed': IdsPayload;
  'settings:changed': AppSettings;
}

export type RequestChannel = keyof RequestMap;
export type EventChannel = keyof EventMap;
export type RequestPayload<C extends RequestChannel> = Parameters<RequestMap[C]>[0];
export type RequestValue<C extends RequestChannel> = ReturnType<RequestMap[C]>;

/** Errors cross as data: Electron forwards only `message` of a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

const REQUEST_CHANNEL_SET: Record<RequestChannel, true> = {
  'downloads:add': true,
  'downloads:pause': true,
  'downloads:resume': true,
  'downloads:cancel': true,
  'downloads:retry': true,
  'downloads:remove': true,
  'downloads:reorder': true,
  'downloads:list': true,
  'downloads:refresh-url': true,
  'settings:get': true,
  'settings:update': true,
  'dialog:choose-folder': true,
  'shell:open-file': true,
  'shell:show-in-folder': true,
  'rpc:get-endpoint': true,
};

const EVENT_CHANNEL_SET: Record<EventChannel, true> = {
  'downloads:progressed': true,
  'downloads:status-changed': true,
  'downloads:removed': true,
  'settings:changed': true,
};

export const REQUEST_CHANNELS = Object.keys(REQUEST_CHANNEL_SET) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(EVENT_CHANNEL_SET) as EventChannel[];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_CHANNEL_SET, value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CHANNEL_SET, value);
}

/** What the renderer talks to: Electron IPC in the app, a WebSocket in `pdl serve`. */
export interface Transport {
  invoke<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<Result<RequestValue<C>>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void): () => void;
}

/**
 * The WebSocket transport of `pdl serve`. The page connects to `WS_PATH?token=…` (the token comes
 * from the page URL's `token` query parameter) on its own origin.
 */
export const WS_PATH = '/ws';
export const WS_TOKEN_PARAM = 'token';

/** Client → server: one request; `id` pairs it with its response. */
export interface WsRequestMessage {
  id: number | string;
  channel: RequestChannel;
  payload: unknown;
}

/** Server → client: the answer to a request (`id: null` when the request could not be parsed). */
export interface WsResponseMessage {
  id: number | string | null;
  result: Result<unknown>;
}

/** Server → client: a pushed event. */
export interface WsEventMessage {
  event: EventChannel;
  payload: unknown;
}

export type WsServerMessage = WsResponseMessage | WsEventMessage;
