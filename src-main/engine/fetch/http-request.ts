// One HTTP GET as a readable stream, with connect/headers/idle timeouts and a keep-alive agent per
// connection. Redirects are followed here (not by axios) so loops are detected exactly and the
// final URL is known.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import axios from 'axios';
import { DownloadError } from '../errors';
import type { ConnectionTimeouts } from './worker-protocol';

export interface OpenResponse {
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  body: Readable;
}

export interface OpenRequest {
  url: string;
  headers: Record<string, string>;
  timeouts: ConnectionTimeouts;
  maxRedirects: number;
  signal: AbortSignal;
  agents: { http: http.Agent; https: https.Agent };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Fails a socket that has not connected (and finished TLS) within `connectMs`. */
function withConnectTimeout<A extends http.Agent>(agent: A, connectMs: number): A {
  const create = agent.createConnection.bind(agent) as http.Agent['createConnection'];
  agent.createConnection = (options, callback) => {
    const socket = create(options, callback);
    if (socket instanceof net.Socket && socket.connecting) {
      const timer = setTimeout(
        () =>
          socket.destroy(
            new DownloadError('TIMEOUT', `could not connect within ${connectMs} ms`, { retryable: true }),
          ),
        connectMs,
      );
      socket.once(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    }
    return socket;
  };
  return agent;
}

export function createConnectionAgents(connectMs: number): { http: http.Agent; https: https.Agent } {
  // One socket per connection: the scheduler reasons about connections, so a connection must
  // really be one TCP stream.
  return {
    http: withConnectTimeout(new http.Agent({ keepAlive: true, maxSockets: 1 }), connectMs),
    https: withConnectTimeout(new https.Agent({ keepAlive: true, maxSockets: 1 }), connectMs),
  };
}

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * The body as the file's bytes: a whole-file response that a server compressed despite
 * `Accept-Encoding: identity` is decoded, never saved as compressed bytes. Returns undefined for an
 * encoding this client cannot decode.
 */
export function decodedBody(response: OpenResponse): Readable | undefined {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return response.body;
  const decoder = DECODERS[encoding];
  if (!decoder) return undefined;
  const decoded = decoder();
  response.body.on('error', (err) => decoded.emit('error', err));
  return response.body.pipe(decoded) as unknown as Readable;
}

function flattenHeaders(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

export function mapRequestError(err: unknown, signal: AbortSignal): DownloadError {
  if (err instanceof DownloadError) return err;
  // axios wraps socket errors; ours (such as the connect timeout) travel as the cause.
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof DownloadError) return cause;
  if (signal.aborted && signal.reason instanceof DownloadError) return signal.reason;
  if (signal.aborted) return new DownloadError('ABORTED', 'the request was stopped');
  const code = (err as { code?: string }).code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new DownloadError('NETWORK', `host not found (${code})`, { retryable: code === 'EAI_AGAIN' });
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new DownloadError('TIMEOUT', `the connection timed out (${code})`, { retryable: true });
  }
  return new DownloadError('NETWORK', `network error: ${code || message}`, { retryable: true, cause: err });
}

async function openOnce(request: OpenRequest, url: string): Promise<OpenResponse> {
  const controller = new AbortController();
  // Covers connecting and waiting for the status line: a server that accepts and never answers.
  const headersTimer = setTimeout(
    () =>
      controller.abort(
        new DownloadError('TIMEOUT', `no response headers within ${request.timeouts.headersMs} ms`, {
          retryable: true,
        }),
      ),
    request.timeouts.headersMs,
  );
  const forward = (): void => controller.abort(request.signal.reason);
  request.signal.addEventListener('abort', forward, { once: true });
  try {
    const response = await axios.get<Readable>(url, {
      responseType: 'stream',
      headers: { 'User-Agent': 'ParallelDownloader/0.1', ...request.headers },
      httpAgent: request.agents.http,
      httpsAgent: request.agents.https,
      maxRedirects: 0,
      decompress: false,
      validateStatus: () => true,
      signal: controller.signal,
      proxy: false,
    });
    const body = response.data;
    // The caller's signal must keep cancelling the body after the headers arrived; one signal
    // serves many requests of a chunk, so the listener goes away with its body.
    const destroyBody = (): void => void body.destroy();
    request.signal.addEventListener('abort', destroyBody, { once: true });
    body.once('close', () => request.signal.removeEventListener('abort', destroyBody));
    return {
      status: response.status,
      finalUrl: url,
      headers: flattenHeaders(response.headers as Record<string, unknown>),
      body,
    };
  } catch (err) {
    throw mapRequestError(err, controller.signal);
  } finally {
    clearTimeout(headersTimer);
    request.signal.removeEventListener('abort', forward);
  }
}

export async function openRequest(request: OpenRequest): Promise<OpenResponse> {
  const visited = new Set<string>();
  let url = request.url;
  for (let hop = 0; ; hop++) {
    visited.add(url);
    const response = await openOnce(request, url);
    if (!REDIRECT_STATUSES.has(response.status)) return response;
    response.body.destroy();
    const location = response.headers['location'];
    if (!location) {
      throw new DownloadError('HTTP_STATUS', `HTTP ${response.status} redirect without a Location`);
    }
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new DownloadError('INVALID_URL', `redirect to an unsupported scheme: ${next.protocol}`);
    }
    if (visited.has(next.href)) {
      throw new DownloadError('TOO_MANY_REDIRECTS', `redirect loop at ${next.href}`);
    }
    if (hop + 1 > request.maxRedirects) {
      throw new DownloadError('TOO_MANY_REDIRECTS', `more than ${request.maxRedirects} redirects`);
    }
    url = next.href;
  }
}
