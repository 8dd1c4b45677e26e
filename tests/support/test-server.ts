import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { planResponse } from './range-response';
import { makeTestBody } from './test-body';
import {
  acceptsGzip,
  badlyFramedResponse,
  FaultCounters,
  lieAboutRange,
  takeBodyFaults,
  wrongRangeFor,
} from './test-server-faults';
import { sendBody, sleepUnlessClosed } from './test-server-send';
import type { RedirectStatus, RequestRecord, ResourceSpec, TestServer } from './test-server-types';
import { throttleSliceBytes, TokenBucket } from './throttle';

export { makeTestBody } from './test-body';
export type { FaultSpec, RequestRecord, ResourceSpec, TestServer } from './test-server-types';

const DEFAULT_LAST_MODIFIED = 'Wed, 21 Oct 2015 07:28:00 GMT';

interface ResourceRoute {
  kind: 'resource';
  spec: ResourceSpec;
  etag: string | null;
  lastModified: string | null;
  counters: FaultCounters;
}
interface RedirectRoute {
  kind: 'redirect';
  to: string;
  status: RedirectStatus;
}
type Route = ResourceRoute | RedirectRoute;

interface Connection {
  /** Reset generation the indices belong to; a connection kept alive across reset() is re-indexed. */
  epoch: number;
  index: number;
  dataIndex: number;
  bucket: TokenBucket | null;
}

function defaultEtag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function isSlow(spec: ResourceSpec, dataIndex: number): boolean {
  const slow = spec.slowConnections;
  if (!slow) return false;
  if (slow.every !== undefined && dataIndex % slow.every === 0) return true;
  return slow.indices?.includes(dataIndex) ?? false;
}

/** Body for the `extraBytes` fault: what follows the range in the file, padded when past the end. */
function withExtraBytes(body: Buffer, spec: ResourceSpec, end: number, extra: number): Buffer {
  const following = spec.body.subarray(end + 1, end + 1 + extra);
  return Buffer.concat([body, following, makeTestBody(extra - following.length, 7)]);
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const connections = new Map<Socket, Connection>();
  let log: RequestRecord[] = [];
  let epoch = 0;
  let connectionCount = 0;
  let dataConnectionCount = 0;
  let openCount = 0;
  let peakOpen = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  const server = createServer();
  server.keepAliveTimeout = 60_000;
  server.requestTimeout = 0;

  /** Gives a connection its index in the current reset generation; only indexed ones count as open. */
  function indexConnection(conn: Connection): void {
    Object.assign(conn, { epoch, index: ++connectionCount, dataIndex: 0 });
    openCount++;
    peakOpen = Math.max(peakOpen, openCount);
  }

  server.on('connection', (socket: Socket) => {
    const conn: Connection = { epoch, index: 0, dataIndex: 0, bucket: null };
    indexConnection(conn);
    connections.set(socket, conn);
    socket.on('close', () => {
      connections.delete(socket);
      if (conn.epoch === epoch) openCount--;
    });
  });

  function connectionOf(socket: Socket): Connection {
    const conn = connections.get(socket);
    if (!conn) throw new Error('request on an untracked socket');
    if (conn.epoch !== epoch) indexConnection(conn);
    return conn;
  }

  function answerPlain(
    res: ServerResponse,
    record: RequestRecord,
    status: number,
    headers: OutgoingHttpHeaders,
  ) {
    const body = Buffer.from(`${status}\n`);
    res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': body.length, ...headers });
    record.status = status;
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  async function serveResource(
    req: IncomingMessage,
    res: ServerResponse,
    record: RequestRecord,
    conn: Connection,
    route: ResourceRoute,
  ): Promise<void> {
    const { spec, counters } = route;
    const faults = spec.faults;
    const socket = req.socket;
    const cap = faults?.maxConnections;
    if (cap && inFlight - 1 >= cap.max) {
      if (cap.mode === 'reset') socket.resetAndDestroy();
      else answerPlain(res, record, 503, {});
      return;
    }
    if (counters.take(faults, 'stallBeforeHeadersMs')) {
      await sleepUnlessClosed(socket, faults?.stallBeforeHeadersMs?.ms ?? 0);
      if (socket.destroyed) return;
    }
    if (counters.take(faults, 'status') && faults?.status) {
      const retryAfter = faults.status.retryAfter;
      answerPlain(
        res,
        record,
        faults.status.code,
        retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
      );
      return;
    }

    const total = spec.body.length;
    const plan = planResponse(spec, route, req.headers.range, headerText(req.headers['if-range']));
    const headers: OutgoingHttpHeaders = { 'Content-Type': spec.contentType ?? 'application/octet-stream' };
    if (!spec.unknownLength && spec.ranges !== false) headers['Accept-Ranges'] = 'bytes';
    if (route.etag !== null) headers['ETag'] = route.etag;
    if (route.lastModified !== null) headers['Last-Modified'] = route.lastModified;
    if (spec.contentDisposition !== undefined) headers['Content-Disposition'] = spec.contentDisposition;
    Object.assign(headers, spec.headers);

    if (plan.status === 416) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${total}`, 'Content-Length': 0 });
      record.status = 416;
      res.end();
      return;
    }

    let range = plan.range;
    if (plan.status === 206 && range && faults?.wrongContentRange) {
      const wrong = wrongRangeFor(range, total, faults.wrongContentRange.direction);
      if (wrong && counters.take(faults, 'wrongContentRange')) range = wrong;
    }
    if (plan.status === 206 && range && faults?.supersetRange && counters.take(faults, 'supersetRange')) {
      const { bytes } = faults.supersetRange;
      range = { start: Math.max(0, range.start - bytes), end: Math.min(total - 1, range.end + bytes) };
    }
    let body = range ? spec.body.subarray(range.start, range.end + 1) : Buffer.alloc(0);
    if (plan.status === 206 && range) {
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${total}`;
      const lie = faults?.contentRangeLie;
      if (lie && range.start > 0 && counters.take(faults, 'contentRangeLie')) {
        lieAboutRange(headers, lie.kind, range, total);
      }
      if (counters.take(faults, 'extraBytes') && faults?.extraBytes) {
        body = withExtraBytes(body, spec, range.end, faults.extraBytes.bytes);
      }
      if (faults?.gzipRanged && acceptsGzip(headerText(req.headers['accept-encoding']))) {
        body = gzipSync(body);
        headers['Content-Encoding'] = 'gzip';
      }
    }
    if (!spec.unknownLength) headers['Content-Length'] = body.length;

    const isGet = req.method === 'GET';
    if (isGet && conn.dataIndex === 0) conn.dataIndex = ++dataConnectionCount;
    record.dataConnectionIndex = conn.dataIndex;
    res.writeHead(plan.status, headers);
    record.status = plan.status;
    if (!isGet) {
      res.end();
      return;
    }
    if (req.method === 'GET' && faults?.badFraming && counters.take(faults, 'badFraming')) {
      const raw = badlyFramedResponse(faults.badFraming.kind, spec.body);
      record.status = 200;
      record.bytesSent = spec.body.length;
      socket.end(raw);
      return;
    }

    const slow = isSlow(spec, conn.dataIndex) ? spec.slowConnections?.rateBps : undefined;
    const rates = [spec.perConnectionRateBps, slow].filter((r): r is number => r !== undefined && r > 0);
    const rate = rates.length > 0 ? Math.min(...rates) : null;
    if (rate !== null) {
      if (conn.bucket) conn.bucket.setRate(rate);
      // Two slices of burst absorb event-loop lag without letting a connection run ahead of its rate.
      else conn.bucket = new TokenBucket(rate, 2 * throttleSliceBytes(rate));
    }
    await sendBody(res, body, {
      bucket: rate === null ? null : conn.bucket,
      faults: takeBodyFaults(faults, counters, body.length),
      onBytes: (count) => (record.bytesSent += count),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const conn = connectionOf(req.socket);
    const path = req.url ?? '/';
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path,
      status: 0,
      bytesSent: 0,
      connectionIndex: conn.index,
      dataConnectionIndex: conn.dataIndex,
      headers: req.headers,
    };
    const acceptEncoding = headerText(req.headers['accept-encoding']);
    if (req.headers.range !== undefined) record.range = req.headers.range;
    if (req.headers['if-range'] !== undefined) record.ifRange = headerText(req.headers['if-range']);
    if (acceptEncoding !== undefined) record.acceptEncoding = acceptEncoding;
    log.push(record);
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.once('close', () => inFlight--);

    const route = routes.get(path) ?? routes.get(path.split('?')[0] ?? path);
    if (!route) return answerPlain(res, record, 404, {});
    if (route.kind === 'redirect') return answerPlain(res, record, route.status, { Location: route.to });
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return answerPlain(res, record, 405, { Allow: 'GET, HEAD' });
    await serveResource(req, res, record, conn, route);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => req.socket.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    setResource(path, spec) {
      routes.set(path, {
        kind: 'resource',
        spec,
        etag: spec.etag === undefined ? defaultEtag(spec.body) : spec.etag,
        lastModified: spec.lastModified === undefined ? DEFAULT_LAST_MODIFIED : spec.lastModified,
        counters: new FaultCounters(),
      });
    },
    setRedirect(from, to, status = 302) {
      routes.set(from, { kind: 'redirect', to, status });
    },
    requests: () => log.map((record) => ({ ...record })),
    connectionsOpened: () => connectionCount,
    maxConcurrentConnections: () => peakOpen,
    maxConcurrentRequests: () => peakInFlight,
    reset() {
      log = [];
      epoch++;
      connectionCount = 0;
      dataConnectionCount = 0;
      openCount = 0;
      peakOpen = 0;
      peakInFlight = inFlight;
      for (const route of routes.values()) if (route.kind === 'resource') route.counters.clear();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections.keys()) socket.destroy();
      });
    },
  };
}
