// The same requests to the real aria2c and to our endpoint give answers of the same shape: field
// names, value types, status names, error codes and messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';
import {
  post,
  rpcClient,
  send,
  startAria2c,
  startPdlRpc,
  type Aria2c,
  type PdlRpc,
  type RpcClient,
} from '../support/rpc-harness';

let files: TestServer;
let aria2c: Aria2c;
let pdl: PdlRpc;
/** [aria2c, ours] */
let clients: [RpcClient, RpcClient];

/** Keys (sorted) and value types, recursively; an array is described by its first item. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([key, item]) => [key, shape(item)]));
  }
  return typeof value;
}

/** Every field we send, aria2 sends too, with the same type. */
function expectFieldsWithin(ours: Record<string, unknown>, theirs: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(ours)) {
    expect(Object.keys(theirs), `aria2 also has ${key}`).toContain(key);
    expect(shape(value), key).toEqual(shape(theirs[key]));
  }
}

async function both(method: string, ...params: unknown[]) {
  return Promise.all(clients.map((client) => client.auth(method, ...params)));
}

/** Runs a per-endpoint call (the gids differ), returning [aria2c's answer, ours]. */
async function each(
  run: (client: RpcClient, gid: string) => Promise<Record<string, unknown>>,
  gids: string[],
) {
  return Promise.all(clients.map((client, i) => run(client, gids[i])));
}

const withoutGid = (answer: Record<string, unknown>, gid: string) =>
  JSON.stringify(answer).replaceAll(gid, 'GID');

beforeAll(async () => {
  files = await startTestServer();
  files.setResource('/file.bin', { body: makeTestBody(2 * 1024 * 1024 + 5, 11) });
  aria2c = await startAria2c();
  pdl = await startPdlRpc();
  clients = [await rpcClient(aria2c.url), await rpcClient(pdl.server.url)];
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await aria2c.close();
  await pdl.close();
  await files.close();
});

describe('our endpoint answers like aria2c', () => {
  it('for the version, global stats, session and the lists of methods and notifications', async () => {
    const [theirVersion, ourVersion] = await both('aria2.getVersion');
    expect(shape(ourVersion)).toEqual(shape(theirVersion));
    const [theirStat, ourStat] = await both('aria2.getGlobalStat');
    expect(shape(ourStat)).toEqual(shape(theirStat));
    const [theirSession, ourSession] = await both('aria2.getSessionInfo');
    expect(shape(ourSession)).toEqual(shape(theirSession));
    expect((ourSession.result as { sessionId: string }).sessionId).toMatch(/^[0-9a-f]{40}$/);
    const [theirEvents, ourEvents] = await both('system.listNotifications');
    expect(ourEvents.result).toEqual(theirEvents.result);
    const [theirMethods, ourMethods] = await both('system.listMethods');
    expect([...(ourMethods.result as string[])].sort()).toEqual(
      [...(theirMethods.result as string[])].sort(),
    );
  });

  it('for a download added paused, then finished: gid, fields, types, status names and notifications', async () => {
    const url = files.url('/file.bin');
    const added = await both('aria2.addUri', [url], { pause: 'true', out: 'same.bin', split: '4' });
    const gids = added.map((answer) => answer.result as string);
    for (const gid of gids) expect(gid).toMatch(/^[0-9a-f]{16}$/);

    const [theirStatus, ourStatus] = await each((c, gid) => c.auth('aria2.tellStatus', gid), gids);
    expect((ourStatus.result as { status: string }).status).toBe('paused');
    expect(shape(ourStatus.result)).toEqual(shape(theirStatus.result));
    const keys = ['gid', 'status', 'totalLength'];
    const filtered = await each((c, gid) => c.auth('aria2.tellStatus', gid, keys), gids);
    expect(shape(filtered[1].result)).toEqual(shape(filtered[0].result));
    const uris = await each((c, gid) => c.auth('aria2.getUris', gid), gids);
    expect(uris[1].result).toEqual(uris[0].result);
    const fileLists = await each((c, gid) => c.auth('aria2.getFiles', gid), gids);
    expect(shape(fileLists[1].result)).toEqual(shape(fileLists[0].result));
    const waiting = await both('aria2.tellWaiting', 0, 10);
    expect(shape(waiting[1].result)).toEqual(shape(waiting[0].result));
    const options = await each((c, gid) => c.auth('aria2.getOption', gid), gids);
    expectFieldsWithin(
      options[1].result as Record<string, unknown>,
      options[0].result as Record<string, unknown>,
    );
    const moved = await each((c, gid) => c.auth('aria2.changePosition', gid, 0, 'POS_SET'), gids);
    expect(moved[1].result).toEqual(moved[0].result);
    for (const method of ['aria2.getServers', 'aria2.pause']) {
      const refused = await each((c, gid) => c.auth(method, gid), gids);
      expect(withoutGid(refused[1], gids[1])).toBe(withoutGid(refused[0], gids[0]));
    }

    const completed = clients.map((client, i) => client.notified('aria2.onDownloadComplete', gids[i]));
    const resumed = await each((c, gid) => c.auth('aria2.unpause', gid), gids);
    expect(resumed.map((answer) => answer.result)).toEqual(gids);
    await Promise.all(completed);

    const [theirDone, ourDone] = await each((c, gid) => c.auth('aria2.tellStatus', gid), gids);
    expectFieldsWithin(
      ourDone.result as Record<string, unknown>,
      theirDone.result as Record<string, unknown>,
    );
    for (const key of [
      'status',
      'totalLength',
      'completedLength',
      'errorCode',
      'uploadLength',
      'numPieces',
    ]) {
      expect((ourDone.result as Record<string, unknown>)[key], key).toBe(
        (theirDone.result as Record<string, unknown>)[key],
      );
    }
    const stopped = await both('aria2.tellStopped', 0, 10, ['gid', 'status', 'errorCode']);
    expect(shape(stopped[1].result)).toEqual(shape(stopped[0].result));
    for (const method of ['aria2.remove', 'aria2.unpause']) {
      const refused = await each((c, gid) => c.auth(method, gid), gids);
      expect(withoutGid(refused[1], gids[1])).toBe(withoutGid(refused[0], gids[0]));
    }
    const removed = await each((c, gid) => c.auth('aria2.removeDownloadResult', gid), gids);
    expect(removed[1]).toEqual(removed[0]);
    const purged = await both('aria2.purgeDownloadResult');
    expect(purged[1]).toEqual(purged[0]);
  });

  it('for failures: the same JSON-RPC codes, messages and HTTP statuses', async () => {
    const calls: [string, unknown[]][] = [
      ['aria2.getVersion', ['token:wrong']],
      ['aria2.getVersion', []],
      ['aria2.tellStatus', ['token:test-secret-1234', 'zz']],
      ['aria2.tellStatus', ['token:test-secret-1234', '0123456789abcdef']],
      ['aria2.tellStatus', ['token:test-secret-1234']],
      ['aria2.noSuchThing', ['token:test-secret-1234']],
    ];
    for (const [method, params] of calls) {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 'x', method, params });
      const [theirs, ours] = await Promise.all(clients.map((client) => post(client.url, body)));
      expect(ours.text, `${method} ${JSON.stringify(params)}`).toBe(theirs.text.replaceAll('\\/', '/'));
      expect(ours.status).toBe(theirs.status);
    }
    for (const body of ['{not json', '{"jsonrpc":"2.0","method":"aria2.getVersion"}', '[]']) {
      const [theirs, ours] = await Promise.all(clients.map((client) => post(client.url, body)));
      expect(JSON.parse(ours.text), body).toEqual(JSON.parse(theirs.text));
      expect(ours.status, body).toBe(theirs.status);
    }
  });

  it('for batches, system.multicall and the GET form with JSONP', async () => {
    const batch = JSON.stringify([
      { jsonrpc: '2.0', id: 1, method: 'aria2.getGlobalStat', params: ['token:test-secret-1234'] },
      { jsonrpc: '2.0', id: 2, method: 'aria2.getVersion', params: ['token:nope'] },
    ]);
    const batches = await Promise.all(clients.map((client) => post(client.url, batch)));
    expect(shape(JSON.parse(batches[1].text))).toEqual(shape(JSON.parse(batches[0].text)));
    const calls = [
      { methodName: 'aria2.getVersion', params: ['token:test-secret-1234'] },
      { methodName: 'aria2.getVersion', params: ['token:wrong'] },
    ];
    const multi = await Promise.all(clients.map((client) => client.call('system.multicall', calls)));
    expect(shape(multi[1])).toEqual(shape(multi[0]));
    expect((multi[1].result as unknown[])[1]).toEqual((multi[0].result as unknown[])[1]);
    const params = Buffer.from(JSON.stringify(['token:test-secret-1234'])).toString('base64');
    const query = `?method=aria2.getGlobalStat&id=7&params=${encodeURIComponent(params)}&jsoncallback=cb`;
    const [theirs, ours] = await Promise.all(clients.map((client) => send(`${client.url}${query}`, 'GET')));
    expect(ours.status).toBe(200);
    expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
    const unwrap = (text: string): unknown => JSON.parse(text.replace(/^cb\(/, '').replace(/\)$/, ''));
    expect(shape(unwrap(ours.text))).toEqual(shape(unwrap(theirs.text)));
  });
});
