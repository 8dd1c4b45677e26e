import { Agent } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, rawGet } from './test-http-client';
import { makeTestBody, startTestServer, type TestServer } from './test-server';

const BODY = makeTestBody(1000, 9);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

describe('mid-body faults', () => {
  it('resets the connection after the given bytes, then serves normally once used up', async () => {
    server.setResource('/reset.bin', { body: BODY, faults: { resetAfterBytes: { bytes: 100, times: 1 } } });
    const broken = await rawGet(server.origin, '/reset.bin');
    expect(broken.ending).toBe('reset');
    expect(broken.head).toContain('Content-Length: 1000');
    expect(broken.body.equals(BODY.subarray(0, 100))).toBe(true);
    const healthy = await httpRequest(server.url('/reset.bin'));
    expect(healthy.body.equals(BODY)).toBe(true);
    expect(server.requests().map((r) => r.bytesSent)).toEqual([100, 1000]);
  });

  it('closes cleanly with a short body when truncating', async () => {
    server.setResource('/short.bin', { body: BODY, faults: { truncateAfterBytes: { bytes: 250 } } });
    const reply = await rawGet(server.origin, '/short.bin', { Range: 'bytes=500-' });
    expect(reply.ending).toBe('end');
    expect(reply.head).toContain('Content-Length: 500');
    expect(reply.body.equals(BODY.subarray(500, 750))).toBe(true);
  });

  it('pauses mid-body for the stall, then delivers the rest', async () => {
    server.setResource('/stall.bin', { body: BODY, faults: { stallAfterBytes: { bytes: 100, ms: 300 } } });
    const started = performance.now();
    const reply = await httpRequest(server.url('/stall.bin'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(reply.complete).toBe(true);
    expect(reply.body.equals(BODY)).toBe(true);
  });

  it('counts fault uses per resource and restarts the count on reset', async () => {
    server.setResource('/once.bin', { body: BODY, faults: { resetAfterBytes: { bytes: 10, times: 1 } } });
    expect((await rawGet(server.origin, '/once.bin')).ending).toBe('reset');
    expect((await httpRequest(server.url('/once.bin'))).complete).toBe(true);
    server.reset();
    expect((await rawGet(server.origin, '/once.bin')).ending).toBe('reset');
  });
});

describe('status faults', () => {
  it('answers 503 with Retry-After the given number of times, then the resource', async () => {
    server.setResource('/busy.bin', {
      body: BODY,
      faults: { status: { code: 503, retryAfter: '2', times: 1 } },
    });
    const busy = await httpRequest(server.url('/busy.bin'));
    expect([busy.status, busy.headers['retry-after']]).toEqual([503, '2']);
    expect((await httpRequest(server.url('/busy.bin'))).status).toBe(200);
  });
});

describe('range lies', () => {
  it('answers with a neighbouring range and its bytes when the Content-Range is wrong', async () => {
    server.setResource('/wrong.bin', { body: BODY, faults: { wrongContentRange: {} } });
    const reply = await httpRequest(server.url('/wrong.bin'), { headers: { Range: 'bytes=100-199' } });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-range']).toBe('bytes 99-198/1000');
    expect(reply.body.equals(BODY.subarray(99, 199))).toBe(true);
  });

  it('answers with the neighbouring range after the ask when told to', async () => {
    server.setResource('/after.bin', { body: BODY, faults: { wrongContentRange: { direction: 'after' } } });
    const reply = await httpRequest(server.url('/after.bin'), { headers: { Range: 'bytes=100-199' } });
    expect(reply.headers['content-range']).toBe('bytes 101-200/1000');
    expect(reply.body.equals(BODY.subarray(101, 201))).toBe(true);
  });

  it('answers with an honest superset of the asked range, within the body', async () => {
    server.setResource('/superset.bin', { body: BODY, faults: { supersetRange: { bytes: 50 } } });
    const reply = await httpRequest(server.url('/superset.bin'), { headers: { Range: 'bytes=100-199' } });
    expect(reply.headers['content-range']).toBe('bytes 50-249/1000');
    expect(reply.body.equals(BODY.subarray(50, 250))).toBe(true);
    const edge = await httpRequest(server.url('/superset.bin'), { headers: { Range: 'bytes=10-989' } });
    expect(edge.headers['content-range']).toBe('bytes 0-999/1000');
  });

  it.each([
    ['offset', 'bytes 101-200/1000'],
    ['superset', 'bytes 99-199/1000'],
    ['star', 'bytes */1000'],
    ['malformed', 'bytes 100+199/1000'],
    ['missing', undefined],
  ] as const)('lies (%s) in the Content-Range while sending the asked bytes', async (kind, header) => {
    server.setResource('/lie.bin', { body: BODY, faults: { contentRangeLie: { kind } } });
    const reply = await httpRequest(server.url('/lie.bin'), { headers: { Range: 'bytes=100-199' } });
    expect(reply.status).toBe(206);
    expect(reply.headers['content-range']).toBe(header);
    expect(reply.body.equals(BODY.subarray(100, 200))).toBe(true);
    const honest = await httpRequest(server.url('/lie.bin'), { headers: { Range: 'bytes=0-99' } });
    expect(honest.headers['content-range']).toBe('bytes 0-99/1000');
  });

  it('sends more bytes than the range asked while naming the asked range', async () => {
    server.setResource('/extra.bin', { body: BODY, faults: { extraBytes: { bytes: 10 } } });
    const reply = await httpRequest(server.url('/extra.bin'), { headers: { Range: 'bytes=0-99' } });
    expect(reply.headers['content-range']).toBe('bytes 0-99/1000');
    expect(reply.body.equals(BODY.subarray(0, 110))).toBe(true);
  });

  it('gzips ranged responses only for clients that accept gzip', async () => {
    server.setResource('/gz.bin', { body: BODY, faults: { gzipRanged: true } });
    const zipped = await httpRequest(server.url('/gz.bin'), {
      headers: { Range: 'bytes=0-499', 'Accept-Encoding': 'gzip, deflate' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(BODY.subarray(0, 500))).toBe(true);
    const plain = await httpRequest(server.url('/gz.bin'), {
      headers: { Range: 'bytes=0-499', 'Accept-Encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(BODY.subarray(0, 500))).toBe(true);
    expect(server.requests().map((r) => r.acceptEncoding)).toEqual(['gzip, deflate', 'identity']);
  });
});

describe('connection caps', () => {
  const agent = new Agent({ keepAlive: false });
  afterAll(() => agent.destroy());

  it.each([
    ['503', { status: 503 }],
    ['reset', { status: 0, error: 'ECONNRESET' }],
  ] as const)('refuses requests above the cap (%s) while others are in flight', async (mode, refused) => {
    server.setResource('/held.bin', { body: BODY, faults: { stallBeforeHeadersMs: { ms: 300 } } });
    server.setResource('/capped.bin', { body: BODY, faults: { maxConnections: { max: 1, mode } } });
    const held = httpRequest(server.url('/held.bin'), { agent });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await httpRequest(server.url('/capped.bin'), { agent })).toMatchObject(refused);
    expect((await held).status).toBe(200);
    expect((await httpRequest(server.url('/capped.bin'), { agent })).status).toBe(200);
  });
});
