// The headless host: an HTTP server on loopback that serves the built UI and carries the contract
// over a WebSocket, guarded by Host, Origin and a random token.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_PATH, WS_TOKEN_PARAM } from '../../src-shared/ipc-contract';
import { contentSecurityPolicy, securityHeaders } from '../host/content-security-policy';
import { allowedHosts, checkHost, checkUpgrade, createToken } from './request-guard';
import { sendText, serveStatic } from './static-files';
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

export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const token = options.token ?? createToken();
  let hosts = new Set<string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const headersFor = (req: IncomingMessage): Record<string, string> =>
    securityHeaders(contentSecurityPolicy({ connect: [`ws://${req.headers.host ?? ''}`] }));

  const server = createServer((req, res) => {
    const host = checkHost(req, hosts);
    if (!host.ok) {
      sendText(res, host.status, host.reason, securityHeaders(contentSecurityPolicy()));
      return;
    }
    void serveStatic(req, res, options.rendererDir, headersFor(req)).catch(() => res.destroy());
  });

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://placeholder').pathname !== WS_PATH) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    const verdict = checkUpgrade(req, hosts, token, WS_TOKEN_PARAM);
    if (!verdict.ok) {
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, options));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
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
