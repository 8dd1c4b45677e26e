// The relay both test proxies share once a tunnel is open: bytes flow both ways, what the origin
// sends is counted, and either side closing or failing closes the other.
import type net from 'node:net';

export function spliceSockets(
  client: net.Socket,
  upstream: net.Socket,
  early: Buffer,
  onUpstreamBytes: (count: number) => void,
): void {
  if (early.length > 0) upstream.write(early);
  upstream.on('data', (data: Buffer) => onUpstreamBytes(data.length));
  upstream.pipe(client);
  client.pipe(upstream);
}

/** Closes both sockets when either one errors or closes. */
export function closeTogether(client: net.Socket, upstream: net.Socket): void {
  const closeBoth = () => {
    client.destroy();
    upstream.destroy();
  };
  for (const socket of [client, upstream]) {
    socket.on('error', closeBoth);
    socket.on('close', closeBoth);
  }
}
