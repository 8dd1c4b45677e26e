// A real SOCKS5 proxy on 127.0.0.1 for tests (RFC 1928 CONNECT, RFC 1929 username/password):
// records each destination as it was asked (an IP address or a host name for the proxy to resolve).
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { closeTogether, spliceSockets } from './splice-sockets';

export interface Socks5Proxy {
  url: string;
  /** `host:port` per tunnel, the host exactly as the client sent it. */
  destinations: string[];
  bytesToClient(): number;
  close(): Promise<void>;
}

/** Resolves with the next `n` bytes of the socket's handshake, keeping any surplus for later. */
function reader(socket: net.Socket) {
  let buffered = Buffer.alloc(0);
  let waiting: { n: number; resolve: (b: Buffer) => void } | undefined;
  const check = () => {
    if (!waiting || buffered.length < waiting.n) return;
    const { n, resolve } = waiting;
    waiting = undefined;
    const out = buffered.subarray(0, n);
    buffered = buffered.subarray(n);
    resolve(out);
  };
  const onData = (data: Buffer) => {
    buffered = Buffer.concat([buffered, data]);
    check();
  };
  socket.on('data', onData);
  return {
    read: (n: number) =>
      new Promise<Buffer>((resolve) => {
        waiting = { n, resolve };
        check();
      }),
    /** Stops buffering; returns what arrived beyond the handshake. */
    detach: () => {
      socket.off('data', onData);
      return buffered;
    },
  };
}

export async function startSocks5Proxy(credentials?: { user: string; pass: string }): Promise<Socks5Proxy> {
  const destinations: string[] = [];
  const sockets = new Set<net.Socket>();
  let toClient = 0;
  const handshake = async (client: net.Socket) => {
    const input = reader(client);
    const [, methodCount] = await input.read(2);
    const methods = [...(await input.read(methodCount!))];
    const wanted = credentials ? 0x02 : 0x00;
    if (!methods.includes(wanted)) return void client.end(Buffer.from([0x05, 0xff]));
    client.write(Buffer.from([0x05, wanted]));
    if (credentials) {
      const [, userLength] = await input.read(2);
      const user = (await input.read(userLength!)).toString();
      const [passLength] = await input.read(1);
      const pass = (await input.read(passLength!)).toString();
      const ok = user === credentials.user && pass === credentials.pass;
      client.write(Buffer.from([0x01, ok ? 0x00 : 0x01]));
      if (!ok) return void client.end();
    }
    const [, command, , addressType] = await input.read(4);
    let host: string;
    if (addressType === 0x01) host = [...(await input.read(4))].join('.');
    else if (addressType === 0x03) host = (await input.read((await input.read(1))[0]!)).toString();
    else return void client.end(Buffer.from([0x05, 0x08, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
    const port = (await input.read(2)).readUInt16BE(0);
    if (command !== 0x01) return void client.end(Buffer.from([0x05, 0x07, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
    destinations.push(`${host}:${port}`);
    const upstream = net.connect(port, host === 'localhost' ? '127.0.0.1' : host, () => {
      client.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0, 0]));
      spliceSockets(client, upstream, input.detach(), (count) => (toClient += count));
    });
    sockets.add(upstream);
    closeTogether(client, upstream);
  };
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    void handshake(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `socks5://127.0.0.1:${port}`,
    destinations,
    bytesToClient: () => toClient,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
