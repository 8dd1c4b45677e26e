import { Agent } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from './test-http-client';
import { makeTestBody, startTestServer, type TestServer } from './test-server';
import { TokenBucket } from './throttle';

const BODY = makeTestBody(1000, 42);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

describe('makeTestBody', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(makeTestBody(4096, 3).equals(makeTestBody(4096, 3))).toBe(true);
    expect(makeTestBody(4096, 3).equals(makeTestBody(4096, 4))).toBe(false);
    expect(makeTestBody(0)).toHaveLength(0);
  });
});

describe('ranges', () => {
  beforeAll(() => server.setResource('/file.bin', { body: BODY }));

  it('serves the whole body with validators and Accept-Ranges', async () => {
    const reply = await httpRequest(server.url('/file.bin'));
    expect(reply.status).toBe(200);
    expect(reply.body.equals(BODY)).toBe(true);
    expect(reply.headers['accept-ranges']).toBe('bytes');
    expect(reply.headers['content-length']).toBe('1000');
    expect(reply.headers.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(reply.headers['last-modified']).toBeDefined();
  });

  it.each([
    ['bytes=10-19', 10, 19],
    ['bytes=990-', 990, 999],
    ['bytes=-5', 995, 999],
    ['bytes=0-5000', 0, 999],
  ])('answers %s with 206 and the matching Content-Range', async (range, start, end) => {
    const reply = await httpRequest(server.url('/file.bin'), { headers: { Range: range } });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(reply.body.equals(BODY.subarray(start, end + 1))).toBe(true);
  });

  it('answers an unsatisfiable range with 416 naming the total', async () => {
    const reply = await httpRequest(server.url('/file.bin'), { headers: { Range: 'bytes=1000-' } });
    expect(reply.status).toBe(416);
    expect(reply.headers['content-range']).toBe('bytes */1000');
  });

  it('honours If-Range only when the strong ETag or the exact date matches', async () => {
    const head = await httpRequest(server.url('/file.bin'), { method: 'HEAD' });
    const etag = String(head.headers.etag);
    const date = String(head.headers['last-modified']);
    const ask = (ifRange: string) =>
      httpRequest(server.url('/file.bin'), { headers: { Range: 'bytes=100-199', 'If-Range': ifRange } });
    expect((await ask(etag)).status).toBe(206);
    expect((await ask(date)).status).toBe(206);
    const stale = await ask('"something-else"');
    expect(stale.status).toBe(200);
    expect(stale.body.equals(BODY)).toBe(true);
    expect((await ask(`W/${etag}`)).status).toBe(200);
    expect(server.requests().map((r) => r.ifRange)).toEqual([
      undefined,
      etag,
      date,
      '"something-else"',
      `W/${etag}`,
    ]);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const reply = await httpRequest(server.url('/file.bin'), { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe('1000');
    expect(reply.body).toHaveLength(0);
  });

  it('gives a replaced body a new ETag so old validators stop matching', async () => {
    server.setResource('/changing.bin', { body: BODY });
    const before = await httpRequest(server.url('/changing.bin'), { method: 'HEAD' });
    const next = makeTestBody(1000, 43);
    server.setResource('/changing.bin', { body: next });
    const after = await httpRequest(server.url('/changing.bin'), {
      headers: { Range: 'bytes=0-9', 'If-Range': String(before.headers.etag) },
    });
    expect(after.status).toBe(200);
    expect(after.body.equals(next)).toBe(true);
  });
});

describe('servers without ranges', () => {
  it('answers ranged requests with the full body when ranges are off', async () => {
    server.setResource('/plain.bin', { body: BODY, ranges: false, etag: null, lastModified: null });
    const reply = await httpRequest(server.url('/plain.bin'), { headers: { Range: 'bytes=10-19' } });
    expect(reply.status).toBe(200);
    expect(reply.body.equals(BODY)).toBe(true);
    expect(reply.headers['accept-ranges']).toBeUndefined();
    expect(reply.headers.etag).toBeUndefined();
    expect(reply.headers['last-modified']).toBeUndefined();
  });

  it('can advertise ranges and still answer 200 to them', async () => {
    server.setResource('/liar.bin', { body: BODY, ignoreRangeWith200: true });
    const reply = await httpRequest(server.url('/liar.bin'), { headers: { Range: 'bytes=10-19' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['accept-ranges']).toBe('bytes');
    expect(reply.body.equals(BODY)).toBe(true);
  });

  it('streams an unknown length chunked, without Content-Length', async () => {
    server.setResource('/stream.bin', { body: BODY, unknownLength: true });
    const reply = await httpRequest(server.url('/stream.bin'), { headers: { Range: 'bytes=0-' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.headers['transfer-encoding']).toBe('chunked');
    expect(reply.body.equals(BODY)).toBe(true);
  });
});

describe('routing', () => {
  it('follows redirect chains to the resource and reports loops as plain redirects', async () => {
    server.setResource('/target.bin', { body: BODY, contentDisposition: 'attachment; filename="a.bin"' });
    server.setRedirect('/a', '/b', 301);
    server.setRedirect('/b', server.url('/target.bin'), 307);
    server.setRedirect('/loop', '/loop');
    expect((await httpRequest(server.url('/a'))).headers.location).toBe('/b');
    const second = await httpRequest(server.url('/b'));
    expect(second.status).toBe(307);
    expect(second.headers.location).toBe(server.url('/target.bin'));
    const target = await httpRequest(server.url('/target.bin'));
    expect(target.headers['content-disposition']).toBe('attachment; filename="a.bin"');
    const loop = await httpRequest(server.url('/loop'));
    expect([loop.status, loop.headers.location]).toEqual([302, '/loop']);
  });

  it('serves a path with a query string from the plain path, and 404 for unknown paths', async () => {
    server.setResource('/signed.bin', { body: BODY, headers: { 'x-goog-hash': 'crc32c=AAAAAA==' } });
    const signed = await httpRequest(server.url('/signed.bin?sig=1'));
    expect(signed.body.equals(BODY)).toBe(true);
    expect(signed.headers['x-goog-hash']).toBe('crc32c=AAAAAA==');
    expect((await httpRequest(server.url('/nothing'))).status).toBe(404);
    expect(server.requests().map((r) => r.path)).toEqual(['/signed.bin?sig=1', '/nothing']);
  });
});

describe('connections', () => {
  it('serves sequential requests over one keep-alive connection and counts it once', async () => {
    server.setResource('/ka.bin', { body: BODY });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 3; i++)
      await httpRequest(server.url('/ka.bin'), { agent, headers: { Range: 'bytes=0-9' } });
    expect(server.connectionsOpened()).toBe(1);
    expect(server.requests().map((r) => [r.connectionIndex, r.dataConnectionIndex, r.bytesSent])).toEqual([
      [1, 1, 10],
      [1, 1, 10],
      [1, 1, 10],
    ]);
    server.reset();
    await httpRequest(server.url('/ka.bin'), { agent });
    expect(server.requests()).toHaveLength(1);
    expect(server.connectionsOpened()).toBe(1);
    agent.destroy();
  });

  it('tracks the peak of simultaneously open connections', async () => {
    server.setResource('/held.bin', { body: BODY, faults: { stallBeforeHeadersMs: { ms: 150 } } });
    const agent = new Agent({ keepAlive: false });
    await Promise.all([1, 2, 3].map(() => httpRequest(server.url('/held.bin'), { agent })));
    expect(server.connectionsOpened()).toBe(3);
    expect(server.maxConcurrentConnections()).toBe(3);
    expect(server.maxConcurrentRequests()).toBe(3);
  });
});

describe('throttling', () => {
  it('lets a token bucket burst once, then charges the rate', () => {
    let nowMs = 0;
    const bucket = new TokenBucket(1000, 100, () => nowMs);
    expect(bucket.reserve(100)).toBe(0);
    expect(bucket.reserve(50)).toBe(50);
    nowMs = 1000;
    expect(bucket.reserve(100)).toBe(0);
  });

  it('sends 1 MB at 2 MB/s per connection no faster than the rate allows', async () => {
    server.setResource('/slow.bin', { body: makeTestBody(1_000_000), perConnectionRateBps: 2_000_000 });
    const started = performance.now();
    const reply = await httpRequest(server.url('/slow.bin'));
    expect(reply.body).toHaveLength(1_000_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('throttles only the selected data connections', async () => {
    server.setResource('/mixed.bin', {
      body: makeTestBody(300_000),
      slowConnections: { indices: [2], rateBps: 500_000 },
    });
    const agent = new Agent({ keepAlive: false });
    const timeOne = async () => {
      const started = performance.now();
      await httpRequest(server.url('/mixed.bin'), { agent });
      return performance.now() - started;
    };
    await timeOne();
    expect(await timeOne()).toBeGreaterThanOrEqual(450);
    expect(server.requests().map((r) => r.dataConnectionIndex)).toEqual([1, 2]);
  });
});
