// User intents → contract requests. Failures become visible UI errors; nothing throws into React.
import type { AddDownloadOptions, DownloadSnapshot, ExpectedChecksum } from '../../src-shared/download-types';
import type {
  AppSettings,
  RequestChannel,
  RequestPayload,
  RequestValue,
  Result,
} from '../../src-shared/ipc-contract';
import type { RendererTransport } from '../transport/renderer-transport';
import type { AppStore } from './app-store';
import { resync } from './bind-transport';
import { createOpenConfirmation, type OpenConfirmation } from './open-confirmation';

/** Options from the add popover; they apply to every URL added at once. */
export interface AddOptions {
  directory?: string;
  fileName?: string;
  connections?: number;
  checksum?: ExpectedChecksum;
  headers?: Record<string, string>;
  maxBytesPerSecond?: number;
  proxy?: string;
}

const RUNNING: ReadonlySet<DownloadSnapshot['status']> = new Set([
  'queued',
  'probing',
  'downloading',
  'verifying',
]);
const RESUMABLE: ReadonlySet<DownloadSnapshot['status']> = new Set(['paused']);

export type Commands = ReturnType<typeof createCommands>;

function sameUrl(text: string, other: string | undefined): boolean {
  if (other === undefined) return false;
  try {
    return new URL(text).href === other;
  } catch {
    return false;
  }
}

export function createCommands(
  store: AppStore,
  transport: RendererTransport,
  openConfirmation: OpenConfirmation = createOpenConfirmation(),
) {
  async function request<C extends RequestChannel>(
    channel: C,
    payload: RequestPayload<C>,
  ): Promise<RequestValue<C> | undefined> {
    const result = await transport.invoke(channel, payload);
    if (result.ok) return result.value;
    store.getState().reportError(result.error);
    return undefined;
  }

  /** A duplicate is asked about instead of reported; the items after it wait for the answer. */
  async function addItems(items: readonly AddDownloadOptions[]): Promise<boolean> {
    if (items.length === 0) return true;
    const result = await transport.invoke('downloads:add', { items: [...items] });
    if (result.ok) {
      for (const snapshot of result.value) store.getState().applyStatus(snapshot);
      return true;
    }
    const duplicate = result.error.code === 'DUPLICATE' ? result.error.duplicate : undefined;
    if (!duplicate) {
      store.getState().reportError(result.error);
      return false;
    }
    const existingUrl = store.getState().downloads[duplicate.id]?.url;
    const refused = Math.max(
      0,
      items.findIndex((item) => sameUrl(item.url, existingUrl)),
    );
    store.getState().askDuplicate({ duplicate, items: items.slice(refused) });
    return true;
  }

  return {
    openConfirmation,
    /** Resolves true when the engine accepted every URL or asked about a duplicate. */
    async add(urls: readonly string[], options: AddOptions = {}): Promise<boolean> {
      if (urls.length === 0) return false;
      const items: AddDownloadOptions[] = urls.map((url) => ({
        url,
        ...(options.directory ? { directory: options.directory } : {}),
        ...(options.fileName && urls.length === 1 ? { fileName: options.fileName } : {}),
        ...(options.connections ? { connections: options.connections } : {}),
        ...(options.checksum ? { checksums: [options.checksum] } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.maxBytesPerSecond ? { maxBytesPerSecond: options.maxBytesPerSecond } : {}),
        ...(options.proxy ? { proxy: options.proxy } : {}),
      }));
      return addItems(items);
    },
    /** Sends items as they are: the duplicate question's answers use it to continue an add. */
    addItems,
    pause: (ids: readonly string[]) => request('downloads:pause', { ids: [...ids] }),
    resume: (ids: readonly string[]) => request('downloads:resume', { ids: [...ids] }),
    cancel: (ids: readonly string[]) => request('downloads:cancel', { ids: [...ids] }),
    retry: (ids: readonly string[]) => request('downloads:retry', { ids: [...ids] }),
    remove: (ids: readonly string[], deleteFile: boolean) =>
      request('downloads:remove', { ids: [...ids], deleteFile }),
    /** Space: pauses the running ones among `ids`, or resumes the paused ones if none runs. */
    async togglePause(ids: readonly string[]): Promise<void> {
      const { downloads } = store.getState();
      const running = ids.filter((id) => downloads[id] && RUNNING.has(downloads[id].status));
      if (running.length > 0) {
        await request('downloads:pause', { ids: running });
        return;
      }
      const paused = ids.filter((id) => downloads[id] && RESUMABLE.has(downloads[id].status));
      if (paused.length > 0) await request('downloads:resume', { ids: paused });
    },
    /** Moves at once in the UI; on refusal the engine's order comes back with the list. */
    async reorder(id: string, toIndex: number): Promise<void> {
      const { order } = store.getState();
      const from = order.indexOf(id);
      // Moving the first row up or the last one down is no move at all: nothing to ask the engine.
      if (from === -1 || toIndex < 0 || toIndex >= order.length || toIndex === from) return;
      store.getState().moveDownload(id, toIndex);
      const result = await transport.invoke('downloads:reorder', { id, toIndex });
      if (!result.ok) {
        store.getState().reportError(result.error);
        await resync(store, transport);
      }
    },
    refreshUrl: (id: string, url: string) => request('downloads:refresh-url', { id, url }),
    recheck: (id: string, checksums: ExpectedChecksum[]) => request('downloads:recheck', { id, checksums }),
    /** A program or script is opened only after the user said yes in the confirm dialog. */
    async openFile(id: string, confirmed = false): Promise<void> {
      const result = await transport.invoke('shell:open-file', confirmed ? { id, confirmed } : { id });
      if (result.ok) return;
      if (result.error.code === 'CONFIRMATION_REQUIRED')
        openConfirmation.getState().ask({ id, message: result.error.message });
      else store.getState().reportError(result.error);
    },
    showInFolder: (id: string) => request('shell:show-in-folder', { id }),
    chooseFolder: async (): Promise<string | null> => (await request('dialog:choose-folder', {})) ?? null,
    rpcEndpoint: () => request('rpc:get-endpoint', {}),
    /** A refusal comes back to the settings dialog, which shows it beside the form, not as a toast. */
    async updateSettings(patch: Partial<AppSettings>): Promise<Result<AppSettings>> {
      const result = await transport.invoke('settings:update', patch);
      if (result.ok) store.getState().setSettings(result.value);
      return result;
    },
    reconnect: () => transport.reconnectNow(),
  };
}
