// A port that holds at most `max` connections at once, relaying each to the test server: while that
// many are open nothing listens, so a further connection is refused (ECONNREFUSED), as at a server
// whose listener is full or a firewall that caps connections per client.
import net from 'node:net';
import { closeTogether, spliceSockets } from './splice-sockets';

export interface CappedPort {
  url(path: string): string;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

export async function cappedPort(upstreamPort: number, max: number): Promise<CappedPort> {
  const open = new Set<net.Socket>();
  let accepted = 0;
  let closed = false;
  const server = net.createServer((client) => {
    accepted++;
    open.add(client);
    if (open.size >= max) server.close();
    client.on('close', () => {
      open.delete(client);
      if (!closed && !server.listening && open.size < max) server.listen(port, '127.0.0.1');
    });
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    closeTogether(client, upstream);
    spliceSockets(client, upstream, Buffer.alloc(0), () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    accepted: () => accepted,
    close: async () => {
      closed = true;
      for (const socket of open) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}
