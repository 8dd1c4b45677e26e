// Opens the socket a connection talks HTTP/1.1 over: TCP or TLS to the origin, or a tunnel through
// an HTTP(S) CONNECT or SOCKS5 proxy with TLS to the origin on top. Certificates are always checked
// against Node's CA store (which includes NODE_EXTRA_CA_CERTS). TLS and the proxy clients load on
// first use: a plain download needs neither, and every worker thread would otherwise pay their
// start-up (TLS brings all of node:crypto).
import net from 'node:net';
import type tls from 'node:tls';
import { DownloadError } from '../errors';
import { abortReason, socketError } from './socket-errors';

export interface DialTarget {
  url: URL;
  proxy: string | undefined;
  connectMs: number;
}

export interface OnRead {
  /** Called before each read: where it may land. */
  buffer: () => Buffer;
  callback: (bytes: number, buffer: Buffer) => boolean;
}

export interface Dialed {
  socket: net.Socket;
  /** Reads arrive through `OnRead` (else as 'data' events). */
  usesOnread: boolean;
}

function hostOf(url: URL): string {
  // URL keeps IPv6 literals in brackets; sockets want them bare.
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function portOf(url: URL): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

function tlsOptions(url: URL): tls.ConnectionOptions {
  const host = hostOf(url);
  return { servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] };
}

/** Errors of a connection that never got established: nobody answers at that address now. */
const UNREACHABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ETIMEDOUT',
]);

/**
 * A failure to connect to `peer` ("the server 10.0.0.2:443", "the proxy …"): UNREACHABLE when the
 * server is down or cannot be reached (tried again for a while), otherwise as any socket error.
 */
function connectError(err: Error, peer: string): DownloadError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ECONNREFUSED') {
    return new DownloadError('UNREACHABLE', `${peer} refused the connection (${code})`, { retryable: true });
  }
  if (UNREACHABLE_ERRNOS.has(code)) {
    return new DownloadError('UNREACHABLE', `${peer} could not be reached (${code})`, { retryable: true });
  }
  return socketError(err);
}

function peerOf(url: URL, role: 'server' | 'proxy'): string {
  const host = hostOf(url);
  return `the ${role} ${host.includes(':') ? `[${host}]` : host}:${portOf(url)}`;
}

/** Resolves once `socket` emits `event`; fails on error, abort or after `ms`. */
function established(
  socket: net.Socket,
  event: string,
  ms: number,
  signal: AbortSignal,
  peer: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: DownloadError): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.off(event, onReady);
      socket.off('error', onError);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve();
    };
    const onReady = (): void => done();
    const onError = (err: Error): void => done(connectError(err, peer));
    const onAbort = (): void => done(abortReason(signal));
    // Nothing answered in time: as good as down (a black-holed address, a host that is off).
    const timer = setTimeout(
      () =>
        done(
          new DownloadError('UNREACHABLE', `could not connect to ${peer} within ${ms} ms`, {
            retryable: true,
          }),
        ),
      ms,
    );
    socket.once(event, onReady);
    socket.once('error', onError);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

/** A raw tunnel to the origin through an HTTP(S) proxy's CONNECT. */
async function connectTunnel(target: DialTarget, proxy: URL, signal: AbortSignal): Promise<net.Socket> {
  const authority = `${hostOf(target.url).includes(':') ? `[${hostOf(target.url)}]` : hostOf(target.url)}:${portOf(target.url)}`;
  const headers: Record<string, string> = { Host: authority };
  const auth = proxyAuthorization(proxy);
  if (auth) headers['Proxy-Authorization'] = auth;
  const { request: send } =
    proxy.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const request = send({
      method: 'CONNECT',
      host: hostOf(proxy),
      port: portOf(proxy),
      path: authority,
      headers,
      signal,
      timeout: target.connectMs,
      agent: false,
    });
    request.once('timeout', () =>
      request.destroy(
        new DownloadError('TIMEOUT', `the proxy did not answer within ${target.connectMs} ms`, {
          retryable: true,
        }),
      ),
    );
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(
        new DownloadError(
          'NETWORK',
          `the proxy ${proxy.host} refused the tunnel (HTTP ${response.statusCode ?? '?'})`,
          {
            retryable:
              response.statusCode === 502 || response.statusCode === 503 || response.statusCode === 504,
            status: response.statusCode,
          },
        ),
      );
    });
    request.once('error', (err) =>
      reject(signal.aborted ? abortReason(signal) : connectError(err, peerOf(proxy, 'proxy'))),
    );
    request.end();
  });
}

/**
 * A tunnel through a SOCKS5 proxy (`socks`, a well-kept client). `socks5://` resolves the host
 * here, as curl does; `socks5h://` lets the proxy resolve it.
 */
async function socksTunnel(target: DialTarget, proxy: URL, signal: AbortSignal): Promise<net.Socket> {
  const host = hostOf(target.url);
  const { lookup } = await import('node:dns/promises');
  const remote = proxy.protocol === 'socks5h:' || net.isIP(host) ? host : (await lookup(host)).address;
  const { SocksClient } = await import('socks');
  const connecting = SocksClient.createConnection({
    command: 'connect',
    destination: { host: remote, port: portOf(target.url) },
    proxy: {
      host: hostOf(proxy),
      port: Number(proxy.port) || 1080,
      type: 5,
      userId: proxy.username ? decodeURIComponent(proxy.username) : undefined,
      password: proxy.password ? decodeURIComponent(proxy.password) : undefined,
    },
    timeout: target.connectMs,
  });
  const aborted = new Promise<never>((_resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const { socket } = await Promise.race([connecting, aborted]);
    return socket;
  } catch (err) {
    // A tunnel that opens after an abort is closed at once.
    void connecting.then(({ socket }) => socket.destroy()).catch(() => undefined);
    if (err instanceof DownloadError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new DownloadError('NETWORK', `the SOCKS5 proxy ${proxy.host} failed: ${detail}`, {
      retryable: true,
    });
  }
}

export async function dialOrigin(target: DialTarget, signal: AbortSignal, onread: OnRead): Promise<Dialed> {
  const url = target.url;
  const secure = url.protocol === 'https:';
  if (target.proxy === undefined) {
    const options = { host: hostOf(url), port: portOf(url), onread };
    const socket = secure
      ? (await import('node:tls')).connect({ ...options, ...tlsOptions(url) })
      : net.connect(options);
    await established(
      socket,
      secure ? 'secureConnect' : 'connect',
      target.connectMs,
      signal,
      peerOf(url, 'server'),
    );
    socket.setNoDelay(true);
    return { socket, usesOnread: true };
  }
  const proxy = parseProxy(target.proxy);
  const tunnel = proxy.protocol.startsWith('socks')
    ? await socksTunnel(target, proxy, signal)
    : await connectTunnel(target, proxy, signal);
  if (!secure) return { socket: tunnel, usesOnread: false };
  // Over an existing socket Node ignores `onread` (reads come as 'data' events) and checks the
  // certificate against `host`, which would default to localhost.
  const { connect } = await import('node:tls');
  const socket = connect({ socket: tunnel, host: hostOf(url), ...tlsOptions(url) });
  await established(socket, 'secureConnect', target.connectMs, signal, peerOf(url, 'server'));
  return { socket, usesOnread: false };
}

const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks5:', 'socks5h:']);

export function parseProxy(proxy: string): URL {
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    throw new DownloadError('INVALID_INPUT', 'the proxy is not a URL; use http://host:port');
  }
  if (!PROXY_SCHEMES.has(url.protocol)) {
    throw new DownloadError(
      'INVALID_INPUT',
      `the proxy scheme ${url.protocol} is not supported; use http://, https://, socks5:// or socks5h://`,
    );
  }
  return url;
}
