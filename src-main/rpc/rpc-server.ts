// The aria2-compatible endpoint's own server on 127.0.0.1: HTTP and WebSocket on /jsonrpc, with
// notifications pushed to every WebSocket client.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RpcContext } from './rpc-context';
import { createDispatcher } from './rpc-dispatch';
import { createRpcHttpHandler, MAX_BODY_BYTES, RPC_PATH } from './rpc-http';
import { watchNotifications } from './rpc-notifications';
import { hostAllowed, judgeOrigin } from './rpc-origin';

export const DEFAULT_RPC_PORT = 6800;

export interface RpcServerOptions extends Omit<RpcContext, 'sessionId'> {
  /** 0 picks a free port. */
  port: number;
  secret: string;
}

export interface RpcServer {
  port: number;
  /** What a user pastes into an extension. */
  url: string;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Listens on 127.0.0.1 only; rejects (e.g. EADDRINUSE) when the port cannot be had. */
export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const { port: wanted, secret, ...deps } = options;
  const dispatcher = createDispatcher({ ...deps, sessionId: randomBytes(20).toString('hex') }, secret);
  let port = wanted;
  const handle = createRpcHttpHandler(dispatcher, () => port);
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== RPC_PATH)
      return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req, port)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (judgeOrigin(req.headers.origin).kind === 'refused') return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket): void => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      void dispatcher.handleText(data.toString()).then((answer) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(answer));
      });
    });
    ws.on('error', () => ws.terminate());
  };

  const stopNotifications = watchNotifications(options.engine, (method, gid) => {
    const text = JSON.stringify({ jsonrpc: '2.0', method, params: [{ gid }] });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    stopNotifications();
    throw err;
  }
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}${RPC_PATH}`,
    async close() {
      stopNotifications();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
