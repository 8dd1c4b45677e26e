// A real HTTP CONNECT proxy on 127.0.0.1 for tests: tunnels to the asked host:port, optionally
// demands Basic credentials, and records what it tunnelled.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { closeTogether, spliceSockets } from './splice-sockets';

export interface ConnectProxy {
  url: string;
  /** `host:port` of every tunnel opened, in order. */
  tunnels: string[];
  /** Bytes sent from the origin back to the client through all tunnels. */
  bytesToClient(): number;
  close(): Promise<void>;
}

export async function startConnectProxy(credentials?: string): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  let toClient = 0;
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    const expected = credentials && `Basic ${Buffer.from(credentials).toString('base64')}`;
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    tunnels.push(req.url ?? '');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      spliceSockets(client, upstream, head, (count) => (toClient += count));
    });
    sockets.add(upstream);
    closeTogether(client, upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    bytesToClient: () => toClient,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
