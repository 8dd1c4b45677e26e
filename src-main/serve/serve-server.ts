// The headless host: an HTTP server on loopback that serves the built UI and carries the contract
// over a WebSocket, guarded by Host, Origin and a session cookie traded for the printed token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_CLOSE_NOT_SIGNED_IN, WS_PATH, WS_TOKEN_PARAM } from '../../src-shared/ipc-contract';
import { contentSecurityPolicy, securityHeaders } from '../host/content-security-policy';
import { allowedHosts, checkHost, checkUpgrade, createToken } from './request-guard';
import { createServeSessions, type TokenExchange } from './serve-session';
import { sendPage, sendText, serveStatic } from './static-files';
import { attachClient, MAX_MESSAGE_BYTES, type WsEndpointDeps } from './ws-endpoint';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const;
export type LoopbackHost = (typeof LOOPBACK_HOSTS)[number];

export interface ServeServerOptions extends WsEndpointDeps {
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  host: LoopbackHost;
  /** Fixed only by tests; a fresh random token otherwise. */
  token?: string;
  /** Time for the wrong-token backoff; injected by tests. */
  now?: () => number;
}

export interface ServeServer {
  port: number;
  token: string;
  /** The URL to open, with the token. */
  url: string;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

const WRONG_LINK = {
  title: 'This link does not open Parallel Downloader',
  text:
    'Its access token is wrong or from an earlier start of pdl serve (the token changes every time it ' +
    'starts). Open the address that pdl serve printed in its terminal when it last started.',
};

function tooManyAttempts(seconds: number): { title: string; text: string } {
  return {
    title: 'Too many wrong links',
    text: `Several wrong access tokens came from this computer. Wait ${seconds} s, then open the address pdl serve printed.`,
  };
}

/** Answers a page request whose `?token=` was traded (or refused); false when it had none. */
function answerExchange(
  res: ServerResponse,
  exchange: TokenExchange,
  headers: Record<string, string>,
): boolean {
  switch (exchange.kind) {
    case 'none':
      return false;
    case 'signed-in':
      res.writeHead(303, {
        ...headers,
        Location: exchange.location,
        'Set-Cookie': exchange.cookie,
        'Cache-Control': 'no-store',
      });
      res.end();
      return true;
    case 'wrong-token':
      sendPage(res, 401, WRONG_LINK, headers);
      return true;
    case 'too-many-attempts':
      sendPage(res, 429, tooManyAttempts(exchange.retryAfterSeconds), {
        ...headers,
        'Retry-After': String(exchange.retryAfterSeconds),
      });
      return true;
  }
}

export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const token = options.token ?? createToken();
  let hosts = new Set<string>();
  let port = 0;
  const sessions = createServeSessions({ token, port: () => port, now: options.now ?? Date.now });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const headersFor = (req: IncomingMessage): Record<string, string> =>
    securityHeaders(contentSecurityPolicy({ connect: [`ws://${req.headers.host ?? ''}`] }));

  const server = createServer((req, res) => {
    const host = checkHost(req, hosts);
    if (!host.ok) {
      sendText(res, host.status, host.reason, securityHeaders(contentSecurityPolicy()));
      return;
    }
    if (answerExchange(res, sessions.exchange(req), headersFor(req))) return;
    void serveStatic(req, res, options.rendererDir, headersFor(req)).catch(() => res.destroy());
  });

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://placeholder').pathname !== WS_PATH) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    const verdict = checkUpgrade(req, hosts);
    if (!verdict.ok) {
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    const signedIn = sessions.isSignedIn(req);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Accepted only to say why in a way the page can read; nothing is handled on this socket.
      if (!signedIn) ws.close(WS_CLOSE_NOT_SIGNED_IN, 'Not signed in: open the link pdl serve printed');
      else attachClient(ws, options);
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(options.host, port);
  const urlHost = options.host === '::1' ? '[::1]' : options.host;

  return {
    port,
    token,
    url: `http://${urlHost}:${port}/?${WS_TOKEN_PARAM}=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolvePromise) => wss.close(() => resolvePromise()));
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
