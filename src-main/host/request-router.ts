// One place where a contract request becomes an engine call, shared by Electron IPC and `pdl serve`.
// The caller is untrusted: the channel and payload are validated here, and errors go back as data.
import { basename } from 'node:path';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import type {
  RequestChannel,
  RequestPayload,
  RequestValue,
  Result,
  RpcEndpointInfo,
} from '../../src-shared/ipc-contract';
import { validateRequest } from '../../src-shared/ipc-guards';
import { redactSettings, redactSnapshot, redactUrl } from '../../src-shared/redact-url';
import type { DownloadEngineApi } from '../engine/engine-api';
import { directoryNotAllowed, isAllowedDirectory } from './download-directories';
import { errorInfo, toErrorInfo } from './error-info';
import { opensAsProgram } from './executable-files';
import type { SettingsStore } from './settings-store';
import type { ShellAdapter } from './shell-adapter';

export interface RequestRouterDeps {
  engine: DownloadEngineApi;
  settings: SettingsStore;
  shell: ShellAdapter;
  /** The aria2 RPC endpoint's address and secret; absent where the host runs none. */
  rpcEndpoint?: () => RpcEndpointInfo;
  /** Told about failures that are not the engine's coded errors (bugs), with their stack. */
  onUnexpectedError?: (err: unknown) => void;
}

export interface RequestRouter {
  handle(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

type Handlers = {
  [C in RequestChannel]: (payload: RequestPayload<C>) => Promise<RequestValue<C>> | RequestValue<C>;
};

/** A failure the router reports as is (its code is chosen here, not guessed from a thrown error). */
class RequestRefused extends Error {
  constructor(readonly info: ReturnType<typeof errorInfo>) {
    super(info.message);
  }
}

export function createRequestRouter(deps: RequestRouterDeps): RequestRouter {
  const { engine, settings, shell } = deps;

  function existing(id: string): DownloadSnapshot {
    const snapshot = engine.get(id);
    if (!snapshot) throw new RequestRefused(errorInfo('NOT_FOUND', `No download with id ${id}`));
    return snapshot;
  }

  /** Checks every id first so a batch with an unknown id changes nothing. */
  async function forEach(ids: string[], action: (id: string) => Promise<void>): Promise<void> {
    for (const id of ids) existing(id);
    for (const id of ids) await action(id);
  }

  /** The path the engine recorded, never one from the caller, and only once the file is complete. */
  function completedFilePath(id: string): string {
    const snapshot = existing(id);
    if (snapshot.status !== 'completed' || !snapshot.filePath) {
      throw new RequestRefused(
        errorInfo('INVALID_INPUT', 'Only a completed download can be opened or shown'),
      );
    }
    return snapshot.filePath;
  }

  async function addAll(payload: RequestPayload<'downloads:add'>): Promise<DownloadSnapshot[]> {
    const added: DownloadSnapshot[] = [];
    // Checked for the whole batch first, so a refused folder adds nothing.
    for (const item of payload.items) {
      if (item.directory !== undefined && !isAllowedDirectory(item.directory, settings)) {
        throw new RequestRefused(toErrorInfo(directoryNotAllowed(item.directory)));
      }
    }
    for (const item of payload.items) {
      try {
        added.push(redactSnapshot(await engine.add(item)));
      } catch (err) {
        // The earlier items stay queued; the message says so because the UI only sees this error.
        const info = toErrorInfo(err);
        const prefix = added.length > 0 ? `${added.length} of ${payload.items.length} added; ` : '';
        throw new RequestRefused({ ...info, message: `${prefix}${redactUrl(item.url)}: ${info.message}` });
      }
    }
    return added;
  }

  const handlers: Handlers = {
    'downloads:add': addAll,
    'downloads:pause': ({ ids }) => forEach(ids, (id) => engine.pause(id)),
    'downloads:resume': ({ ids }) => forEach(ids, (id) => engine.resume(id)),
    'downloads:cancel': ({ ids }) => forEach(ids, (id) => engine.cancel(id)),
    'downloads:retry': ({ ids }) => forEach(ids, (id) => engine.retry(id)),
    'downloads:remove': ({ ids, deleteFile }) => forEach(ids, (id) => engine.remove(id, { deleteFile })),
    'downloads:reorder': ({ id, toIndex }) => {
      existing(id);
      engine.reorder(id, toIndex);
    },
    'downloads:list': () => engine.list().map(redactSnapshot),
    'downloads:refresh-url': ({ id, url }) => {
      existing(id);
      return engine.refreshUrl(id, url);
    },
    'downloads:recheck': ({ id, checksums }) => {
      existing(id);
      return engine.recheck(id, checksums);
    },
    'settings:get': () => redactSettings(settings.get()),
    'settings:update': async (patch) => redactSettings(await settings.update(patch)),
    'dialog:choose-folder': async () => {
      const folder = await shell.chooseFolder();
      // Picked in the native dialog: the user chose it, so downloads may go there.
      if (folder !== null) await settings.allowDirectory(folder);
      return folder;
    },
    'shell:open-file': async ({ id, confirmed }) => {
      const path = completedFilePath(id);
      if (confirmed !== true && (await opensAsProgram(path))) {
        const name = basename(path);
        throw new RequestRefused(
          errorInfo(
            'CONFIRMATION_REQUIRED',
            `"${name}" is a program or script: opening it runs it. Open it only if you trust where it came from.`,
          ),
        );
      }
      return shell.openPath(path);
    },
    'shell:show-in-folder': ({ id }) => shell.showItemInFolder(completedFilePath(id)),
    'rpc:get-endpoint': () =>
      deps.rpcEndpoint?.() ?? { enabled: false, message: 'This host runs no aria2 RPC endpoint.' },
  };

  return {
    async handle(channel, payload) {
      try {
        const request = validateRequest(channel, payload);
        if (!request.ok) return request;
        const handler = handlers[request.value.channel] as (payload: unknown) => unknown;
        const value = await handler(request.value.payload);
        return { ok: true, value: value ?? null };
      } catch (err) {
        if (err instanceof RequestRefused) return { ok: false, error: err.info };
        const info = toErrorInfo(err);
        if (info.code === 'INTERNAL') deps.onUnexpectedError?.(err);
        return { ok: false, error: info };
      }
    },
  };
}
