// aria2 methods over all downloads and the host: lists, global stats and options, version, session.
import { validateSettingsPatch } from '../../src-shared/ipc-guards';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { integerParam, objectParam, stringsParam, type RpcContext, type RpcMethod } from './rpc-context';
import { RpcError } from './rpc-errors';
import { globalOptionsOf, settingsPatchOf } from './rpc-options';
import { isActive, isStopped, isWaiting, pickKeys, statusStruct } from './rpc-status';

/** The aria2 version clients check features against; this endpoint behaves like it. */
export const ARIA2_COMPATIBLE_VERSION = '1.37.0';

/** aria2's paging: a negative offset counts from the end, and the list is then read backwards. */
export function page<T>(items: readonly T[], offset: number, num: number): T[] {
  if (num <= 0) return [];
  if (offset >= 0) return items.slice(offset, offset + num);
  const reversed = [...items].reverse();
  return reversed.slice(-offset - 1, -offset - 1 + num);
}

function structs(list: DownloadSnapshot[], keys: string[] | undefined): Record<string, unknown>[] {
  return list.map((d) => pickKeys(statusStruct(d), keys));
}

async function forEach(
  context: RpcContext,
  select: (d: DownloadSnapshot) => boolean,
  act: (id: string) => Promise<void>,
): Promise<'OK'> {
  await Promise.all(
    context.engine
      .list()
      .filter(select)
      .map((d) => act(d.id)),
  );
  return 'OK';
}

const pausable = (d: DownloadSnapshot): boolean => isActive(d) || d.status === 'queued';

function shutdown(context: RpcContext): 'OK' {
  if (!context.shutdown)
    throw new RpcError(
      'RPC_REFUSED',
      'The desktop app cannot be shut down over RPC; quit it from its window or tray.',
    );
  // Answer first; the host stops right after.
  setImmediate(context.shutdown);
  return 'OK';
}

function notSupported(what: string): RpcMethod {
  return () => {
    throw new RpcError(
      'RPC_NOT_SUPPORTED',
      `${what} are not supported here: only HTTP and HTTPS URIs can be added.`,
    );
  };
}

export const GLOBAL_METHODS: Readonly<Record<string, RpcMethod>> = {
  'aria2.pauseAll': (context) => forEach(context, pausable, (id) => context.engine.pause(id)),
  'aria2.forcePauseAll': (context) => forEach(context, pausable, (id) => context.engine.pause(id)),
  'aria2.unpauseAll': (context) =>
    forEach(
      context,
      (d) => d.status === 'paused',
      (id) => context.engine.resume(id),
    ),
  'aria2.tellActive': (context, params) =>
    structs(context.engine.list().filter(isActive), stringsParam(params, 0)),
  'aria2.tellWaiting': (context, params) =>
    structs(
      page(context.engine.list().filter(isWaiting), integerParam(params, 0), integerParam(params, 1)),
      stringsParam(params, 2),
    ),
  'aria2.tellStopped': (context, params) =>
    structs(
      page(context.engine.list().filter(isStopped), integerParam(params, 0), integerParam(params, 1)),
      stringsParam(params, 2),
    ),
  'aria2.getGlobalStat': (context) => {
    const all = context.engine.list();
    const stopped = all.filter(isStopped).length;
    return {
      downloadSpeed: String(Math.round(all.reduce((sum, d) => sum + (isActive(d) ? d.speedBps : 0), 0))),
      uploadSpeed: '0',
      numActive: String(all.filter(isActive).length),
      numWaiting: String(all.filter(isWaiting).length),
      numStopped: String(stopped),
      numStoppedTotal: String(stopped),
    };
  },
  'aria2.purgeDownloadResult': (context) =>
    forEach(context, isStopped, (id) => context.engine.remove(id, { deleteFile: false })),
  'aria2.getGlobalOption': (context) => globalOptionsOf(context.engine.settings()),
  'aria2.changeGlobalOption': async (context, params) => {
    const checked = validateSettingsPatch(settingsPatchOf(objectParam(params, 0)));
    if (!checked.ok) throw new RpcError('RPC_INVALID_PARAMS', checked.error.message);
    if (Object.keys(checked.value).length > 0) await context.settings.update(checked.value);
    return 'OK';
  },
  'aria2.getVersion': () => ({
    enabledFeatures: ['HTTPS', 'Message Digest'],
    version: ARIA2_COMPATIBLE_VERSION,
  }),
  'aria2.getSessionInfo': (context) => ({ sessionId: context.sessionId }),
  // The queue is saved on every change already.
  'aria2.saveSession': () => 'OK',
  'aria2.shutdown': shutdown,
  'aria2.forceShutdown': shutdown,
  'aria2.addTorrent': notSupported('Torrents'),
  'aria2.addMetalink': notSupported('Metalinks'),
};
