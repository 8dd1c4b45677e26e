// A port where a server is down and comes back: while down nothing listens (connections are
// refused); while up, every connection is relayed to the test server. Going down drops the
// connections that are open, as a crashed or restarted server does.
import net from 'node:net';
import { closeTogether, spliceSockets } from './splice-sockets';

export interface OutagePort {
  port: number;
  url(path: string): string;
  up(): Promise<void>;
  down(): Promise<void>;
}

/** A free port on 127.0.0.1, starting down; `upstreamPort` is where it relays once up. */
export async function outagePort(upstreamPort: number): Promise<OutagePort> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  let server: net.Server | undefined;
  const open = new Set<net.Socket>();
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    up: async () => {
      server = net.createServer((client) => {
        const upstream = net.connect(upstreamPort, '127.0.0.1');
        open.add(client);
        client.on('close', () => open.delete(client));
        closeTogether(client, upstream);
        spliceSockets(client, upstream, Buffer.alloc(0), () => undefined);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    down: async () => {
      const closing = new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
      for (const socket of open) socket.destroy();
      await closing;
      server = undefined;
    },
  };
}
