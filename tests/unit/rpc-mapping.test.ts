import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';
import { gidOf } from '../../src-main/rpc/rpc-gid';
import { page } from '../../src-main/rpc/rpc-methods-global';
import { notificationFor } from '../../src-main/rpc/rpc-notifications';
import { addOptionsOf, parseSize, settingsPatchOf } from '../../src-main/rpc/rpc-options';
import { judgeOrigin } from '../../src-main/rpc/rpc-origin';
import { moveInWaitingQueue } from '../../src-main/rpc/rpc-position';
import { aria2StatusOf, maskUri, pickKeys, statusStruct } from '../../src-main/rpc/rpc-status';
import { createFakeEngine } from '../support/fake-engine';

const URL = 'https://files.example/big.iso';

function snapshot(patch: Partial<DownloadSnapshot> = {}): DownloadSnapshot {
  return {
    id: 'd1',
    url: URL,
    directory: '/downloads',
    status: 'downloading',
    downloadedBytes: 1500,
    totalBytes: 3 * 1024 * 1024,
    speedBps: 1234.6,
    connections: 4,
    chunks: [],
    retries: [],
    integrity: [],
    createdAt: 0,
    fileName: 'big.iso',
    ...patch,
  };
}

describe('aria2 options of addUri', () => {
  it('become headers, connections, a speed cap, a checksum and a paused start', () => {
    const { add, paused } = addOptionsOf(URL, {
      header: ['Cookie: a=1; b=2', 'X-Token:  t '],
      referer: '*',
      'user-agent': 'UA/1',
      split: '16',
      'max-connection-per-server': '8',
      'max-download-limit': '1.5M',
      checksum: 'sha-256=' + 'AB'.repeat(32),
      dir: '/tmp/in',
      out: 'name.iso',
      pause: 'true',
    });
    expect(paused).toBe(true);
    expect(add).toEqual({
      url: URL,
      directory: '/tmp/in',
      fileName: 'name.iso',
      connections: 8,
      maxBytesPerSecond: 1572864,
      checksums: [{ algorithm: 'sha256', hex: 'ab'.repeat(32) }],
      headers: { Cookie: 'a=1; b=2', 'X-Token': 't', Referer: URL, 'User-Agent': 'UA/1' },
    });
  });

  it('caps connections at what a download may use and accepts one header as a plain string', () => {
    const { add } = addOptionsOf(URL, { split: '64', header: 'Cookie: x=1' });
    expect(add.connections).toBe(32);
    expect(add.headers).toEqual({ Cookie: 'x=1' });
  });

  it('are refused with the option named when they make no sense', () => {
    expect(() => addOptionsOf(URL, { split: '0' })).toThrow(/--split/);
    expect(() => addOptionsOf(URL, { header: ['no colon'] })).toThrow(/--header/);
    expect(() => addOptionsOf(URL, { checksum: 'adler32=1' })).toThrow(/--checksum/);
    expect(() => addOptionsOf(URL, { 'max-download-limit': 'fast' })).toThrow(/--max-download-limit/);
    expect(() => addOptionsOf(URL, { pause: 'maybe' })).toThrow(/--pause/);
  });

  it('read sizes the way aria2 writes them', () => {
    expect(parseSize('x', '0')).toBe(0);
    expect(parseSize('x', '500K')).toBe(512000);
    expect(parseSize('x', '2m')).toBe(2 * 1024 * 1024);
  });
});

describe('aria2 global options', () => {
  it('map onto the settings; options without a setting here are ignored', () => {
    expect(
      settingsPatchOf({
        'max-overall-download-limit': '1M',
        'max-concurrent-downloads': '2',
        'max-connection-per-server': '4',
        'max-tries': '3',
        timeout: '45',
        'connect-timeout': '20',
        'bt-max-peers': '55',
      }),
    ).toEqual({
      speedLimitBps: 1048576,
      maxConcurrentDownloads: 2,
      connectionsPerDownload: 4,
      maxRetries: 3,
      timeoutSeconds: 45,
      connectTimeoutSeconds: 20,
    });
  });
});

describe('a download as aria2 shows it', () => {
  it('has aria2 status names for every status', () => {
    const names: Record<DownloadStatus, string> = {
      queued: 'waiting',
      probing: 'active',
      downloading: 'active',
      verifying: 'active',
      paused: 'paused',
      completed: 'complete',
      failed: 'error',
      cancelled: 'removed',
    };
    for (const [status, name] of Object.entries(names))
      expect(aria2StatusOf(status as DownloadStatus)).toBe(name);
  });

  it('gives every number as a decimal string and a 16-hex-digit gid', () => {
    const struct = statusStruct(snapshot());
    expect(struct).toMatchObject({
      gid: gidOf('d1'),
      status: 'active',
      totalLength: String(3 * 1024 * 1024),
      completedLength: '1500',
      downloadSpeed: '1235',
      numPieces: '3',
      connections: '4',
    });
    expect(struct.gid).toMatch(/^[0-9a-f]{16}$/);
    expect(struct).not.toHaveProperty('errorCode');
    expect(pickKeys(struct, ['gid', 'nope'])).toEqual({ gid: gidOf('d1') });
  });

  it('reports the reason of a failure with aria2 exit codes', () => {
    const failed = (code: string, status?: number) =>
      statusStruct(
        snapshot({
          status: 'failed',
          error: { code: code as 'HTTP_STATUS', message: 'why', retryable: false, status },
        }),
      );
    expect(failed('HTTP_STATUS', 404)).toMatchObject({
      status: 'error',
      errorCode: '3',
      errorMessage: 'why',
    });
    expect(failed('HTTP_STATUS', 403).errorCode).toBe('24');
    expect(failed('INTEGRITY_MISMATCH').errorCode).toBe('32');
    expect(failed('DISK_FULL').errorCode).toBe('9');
    expect(failed('NOT_ENOUGH_SPACE').errorCode).toBe('9');
    expect(statusStruct(snapshot({ status: 'completed' })).errorCode).toBe('0');
  });

  it('never shows the credentials of a URI', () => {
    expect(maskUri('https://bob:hunter2@host.example/f')).toBe('https://***:***@host.example/f');
    expect(maskUri('https://token@host.example/f')).toBe('https://***@host.example/f');
    expect(maskUri(URL)).toBe(URL);
  });
});

describe('notifications', () => {
  it('follow status changes as aria2 sends them, once per change', () => {
    expect(notificationFor('queued', 'probing')).toBe('aria2.onDownloadStart');
    expect(notificationFor('probing', 'downloading')).toBeUndefined();
    expect(notificationFor('downloading', 'verifying')).toBeUndefined();
    expect(notificationFor('downloading', 'paused')).toBe('aria2.onDownloadPause');
    expect(notificationFor('paused', 'paused')).toBeUndefined();
    expect(notificationFor('downloading', 'cancelled')).toBe('aria2.onDownloadStop');
    expect(notificationFor('verifying', 'completed')).toBe('aria2.onDownloadComplete');
    expect(notificationFor('downloading', 'failed')).toBe('aria2.onDownloadError');
    expect(notificationFor(undefined, 'queued')).toBeUndefined();
  });
});

describe('positions in the waiting queue', () => {
  it('page through lists from the start or, with a negative offset, backwards from the end', () => {
    expect(page([1, 2, 3, 4], 1, 2)).toEqual([2, 3]);
    expect(page([1, 2, 3, 4], -1, 2)).toEqual([4, 3]);
    expect(page([1, 2, 3, 4], 0, 0)).toEqual([]);
  });

  it('count only waiting and paused downloads, and move them among the engine order', async () => {
    const engine = createFakeEngine();
    const ids: string[] = [];
    for (const name of ['done', 'w1', 'w2', 'w3']) ids.push((await engine.add({ url: `${URL}?${name}` })).id);
    engine.setStatus(ids[0], 'completed');
    for (const id of ids.slice(1)) engine.setStatus(id, 'queued');
    expect(moveInWaitingQueue(engine, ids[3], 0, 'POS_SET')).toBe(0);
    expect(engine.list().map((d) => d.id)).toEqual([ids[0], ids[3], ids[1], ids[2]]);
    expect(moveInWaitingQueue(engine, ids[3], 1, 'POS_CUR')).toBe(1);
    expect(moveInWaitingQueue(engine, ids[3], 0, 'POS_END')).toBe(2);
    expect(engine.list().map((d) => d.id)).toEqual([ids[0], ids[1], ids[2], ids[3]]);
  });
});

describe('origins', () => {
  it('allow browser extensions and opaque origins, refuse web pages, and leave native clients alone', () => {
    expect(judgeOrigin('chrome-extension://abcdef').kind).toBe('extension');
    expect(judgeOrigin('moz-extension://0a1b-2c3d').kind).toBe('extension');
    expect(judgeOrigin('safari-web-extension://x.y').kind).toBe('extension');
    expect(judgeOrigin('null').kind).toBe('extension');
    expect(judgeOrigin(undefined).kind).toBe('no-origin');
    expect(judgeOrigin('https://example.com').kind).toBe('refused');
    expect(judgeOrigin('chrome-extension://abc.evil.com/path').kind).toBe('refused');
  });
});
