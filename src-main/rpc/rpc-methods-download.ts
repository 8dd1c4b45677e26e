// aria2 methods that act on one download, named by its GID. Each goes through the engine's public API,
// so the UI sees what a client did at once, and a client sees what the UI did.
import { REQUEST_VALIDATORS } from '../../src-shared/ipc-guards';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import {
  download,
  integerParam,
  objectParam,
  required,
  stringsParam,
  type RpcContext,
  type RpcMethod,
} from './rpc-context';
import { RpcError } from './rpc-errors';
import { gidOf } from './rpc-gid';
import { addOptionsOf, downloadOptionsOf } from './rpc-options';
import { moveInWaitingQueue, parseHow } from './rpc-position';
import {
  filesOf,
  isActive,
  isStopped,
  isWaiting,
  maskUri,
  pickKeys,
  statusStruct,
  urisOf,
} from './rpc-status';

async function addUri(context: RpcContext, params: readonly unknown[]): Promise<string> {
  const uris = stringsParam(params, 0);
  if (!uris || uris.length === 0) throw new RpcError('RPC_INVALID_PARAMS', 'No URI to download.');
  // Further URIs would be mirrors of the same file; downloads here have one source.
  const { add, paused } = addOptionsOf(uris[0], objectParam(params, 1));
  const checked = REQUEST_VALIDATORS['downloads:add']({ items: [add] });
  if (!checked.ok) throw new RpcError('RPC_INVALID_PARAMS', checked.error.message);
  const added = await context.engine.add(checked.value.items[0]);
  if (paused) await context.engine.pause(added.id);
  if (params[2] !== undefined)
    moveInWaitingQueue(context.engine, added.id, integerParam(params, 2), 'POS_SET');
  return gidOf(added.id);
}

async function remove(context: RpcContext, params: readonly unknown[]): Promise<string> {
  const found = download(context, params);
  const gid = gidOf(found.id);
  if (isStopped(found)) throw new RpcError('RPC_NOT_FOUND', `Active Download not found for GID#${gid}`);
  await context.engine.cancel(found.id);
  return gid;
}

async function pause(context: RpcContext, params: readonly unknown[]): Promise<string> {
  const found = download(context, params);
  const gid = gidOf(found.id);
  if (found.status === 'paused' || isStopped(found))
    throw new RpcError('RPC_REFUSED', `GID#${gid} cannot be paused now`);
  await context.engine.pause(found.id);
  return gid;
}

async function unpause(context: RpcContext, params: readonly unknown[]): Promise<string> {
  const found = download(context, params);
  const gid = gidOf(found.id);
  if (found.status !== 'paused') throw new RpcError('RPC_REFUSED', `GID#${gid} cannot be unpaused now`);
  await context.engine.resume(found.id);
  return gid;
}

function activeOnly(found: DownloadSnapshot): void {
  if (!isActive(found)) throw new RpcError('RPC_NOT_FOUND', `No active download for GID#${gidOf(found.id)}`);
}

/** Gives a paused or failed download a new URI, as the UI's "refresh link" does. */
async function changeUri(context: RpcContext, params: readonly unknown[]): Promise<[number, number]> {
  const found = download(context, params);
  if (integerParam(params, 1) !== 1)
    throw new RpcError('RPC_INVALID_PARAMS', 'The file index is out of range.');
  const deleted = stringsParam(params, 2) ?? [];
  const added = stringsParam(params, 3) ?? [];
  if (added.length !== 1)
    throw new RpcError('RPC_INVALID_PARAMS', 'Give exactly one new URI: a download here has one source.');
  const current = [found.url, maskUri(found.url)];
  const removedCount = deleted.filter((uri) => current.includes(uri)).length;
  const checked = REQUEST_VALIDATORS['downloads:refresh-url']({ id: found.id, url: added[0] });
  if (!checked.ok) throw new RpcError('RPC_INVALID_PARAMS', checked.error.message);
  await context.engine.refreshUrl(found.id, checked.value.url);
  return [removedCount, 1];
}

export const DOWNLOAD_METHODS: Readonly<Record<string, RpcMethod>> = {
  'aria2.addUri': addUri,
  'aria2.remove': remove,
  'aria2.forceRemove': remove,
  'aria2.pause': pause,
  'aria2.forcePause': pause,
  'aria2.unpause': unpause,
  'aria2.tellStatus': (context, params) =>
    pickKeys(statusStruct(download(context, params)), stringsParam(params, 1)),
  'aria2.getUris': (context, params) => urisOf(download(context, params)),
  'aria2.getFiles': (context, params) => filesOf(download(context, params)),
  'aria2.getServers': (context, params) => {
    const found = download(context, params);
    activeOnly(found);
    const uri = maskUri(found.url);
    const current = maskUri(found.finalUrl ?? found.url);
    return [
      {
        index: '1',
        servers: [{ uri, currentUri: current, downloadSpeed: String(Math.round(found.speedBps)) }],
      },
    ];
  },
  'aria2.getPeers': (context, params) => {
    download(context, params);
    return [];
  },
  'aria2.getOption': (context, params) =>
    downloadOptionsOf(download(context, params), context.engine.settings()),
  'aria2.changeOption': (context, params) => {
    const found = download(context, params);
    const names = Object.keys(objectParam(params, 1));
    if (names.length === 0) return 'OK';
    throw new RpcError(
      'RPC_NOT_SUPPORTED',
      `The options of GID#${gidOf(found.id)} cannot be changed after it was added (${names.join(', ')}); remove it and add it again with the new options.`,
    );
  },
  'aria2.changePosition': (context, params) => {
    const found = download(context, params);
    if (!isWaiting(found))
      throw new RpcError('RPC_NOT_FOUND', `GID#${gidOf(found.id)} not found in the waiting queue.`);
    return moveInWaitingQueue(
      context.engine,
      found.id,
      integerParam(params, 1),
      parseHow(required(params, 2)),
    );
  },
  'aria2.changeUri': changeUri,
  'aria2.removeDownloadResult': async (context, params) => {
    const found = download(context, params);
    if (!isStopped(found))
      throw new RpcError('RPC_REFUSED', `Could not remove download result of GID#${gidOf(found.id)}`);
    await context.engine.remove(found.id, { deleteFile: false });
    return 'OK';
  },
};
