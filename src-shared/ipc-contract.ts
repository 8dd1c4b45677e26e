// The one contract between the UI and whatever hosts the engine (Electron main or `pdl serve`).
// Channel names appear only here; the runtime allowlists are derived from these maps.
import type {
  AddDownloadOptions,
  DownloadSnapshot,
  EngineSettings,
  ErrorInfo,
  ExpectedChecksum,
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
  /** Checks a checksum-failed download's bytes against corrected checksums, without a request. */
  'downloads:recheck': (payload: { id: string; checksums: ExpectedChecksum[] }) => void;
  'settings:get': (payload: Record<string, never>) => AppSettings;
  'settings:update': (payload: Partial<AppSettings>) => AppSettings;
  'dialog:choose-folder': (payload: Record<string, never>) => string | null;
  /**
   * Refused with CONFIRMATION_REQUIRED when the file would run code (a program, script or launcher);
   * the UI asks the user and sends it again with `confirmed: true`.
   */
  'shell:open-file': (payload: { id: string; confirmed?: boolean }) => void;
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

/**
 * The request allowlist, and the name of each request's function on the Electron preload
 * (`window.pdl.listDownloads(…)`). `satisfies` makes a missing or unknown channel a type error.
 */
export const REQUEST_METHOD_NAMES = {
  'downloads:add': 'addDownloads',
  'downloads:pause': 'pauseDownloads',
  'downloads:resume': 'resumeDownloads',
  'downloads:cancel': 'cancelDownloads',
  'downloads:retry': 'retryDownloads',
  'downloads:remove': 'removeDownloads',
  'downloads:reorder': 'reorderDownload',
  'downloads:list': 'listDownloads',
  'downloads:refresh-url': 'refreshDownloadUrl',
  'downloads:recheck': 'recheckDownload',
  'settings:get': 'getSettings',
  'settings:update': 'updateSettings',
  'dialog:choose-folder': 'chooseFolder',
  'shell:open-file': 'openFile',
  'shell:show-in-folder': 'showInFolder',
  'rpc:get-endpoint': 'getRpcEndpoint',
} as const satisfies Record<RequestChannel, string>;

const EVENT_CHANNEL_SET: Record<EventChannel, true> = {
  'downloads:progressed': true,
  'downloads:status-changed': true,
  'downloads:removed': true,
  'settings:changed': true,
};

export const REQUEST_CHANNELS = Object.keys(REQUEST_METHOD_NAMES) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(EVENT_CHANNEL_SET) as EventChannel[];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_METHOD_NAMES, value);
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
 * What the Electron preload exposes as `window.pdl`: one named function per request, derived from
 * REQUEST_METHOD_NAMES, plus the event subscription. There is no generic `invoke(channel)`.
 */
export type PreloadApi = {
  [C in RequestChannel as (typeof REQUEST_METHOD_NAMES)[C]]: (
    payload: RequestPayload<C>,
  ) => Promise<Result<RequestValue<C>>>;
} & Pick<Transport, 'on'>;

/**
 * The WebSocket transport of `pdl serve`. The printed link carries `?token=…`; the server trades it
 * for a session cookie on the first page load, and the page connects to `WS_PATH` on its own origin
 * with that cookie.
 */
export const WS_PATH = '/ws';
export const WS_TOKEN_PARAM = 'token';
/** Close code of a WebSocket that is not signed in (browsers cannot see an HTTP 401 on upgrade). */
export const WS_CLOSE_NOT_SIGNED_IN = 4401;

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
