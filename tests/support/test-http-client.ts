import { request, type Agent, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** False when the connection ended before the body the headers promised. */
  complete: boolean;
  /** Error code when the request failed before any response (e.g. ECONNRESET). */
  error?: string;
}

/** Minimal node:http client that never throws: faults show up as data in the reply. */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; agent?: Agent } = {},
): Promise<Reply> {
  return new Promise((resolve) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: options.agent,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => undefined);
      res.on('close', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          complete: res.complete,
        }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        status: 0,
        headers: {},
        body: Buffer.alloc(0),
        complete: false,
        error: error.code ?? error.message,
      }),
    );
    req.end();
  });
}

export interface RawReply {
  head: string;
  body: Buffer;
  /** How the server ended the connection: FIN ('end') or RST ('reset'). */
  ending: 'end' | 'reset';
}

/** One GET over a raw TCP socket, to tell a clean close from a reset. */
export function rawGet(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const finish = (ending: RawReply['ending']): void => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const head = split < 0 ? raw.toString('latin1') : raw.subarray(0, split).toString('latin1');
      resolve({ head, body: split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4), ending });
    };
    const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n${extra.join('')}\r\n`);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish('end'));
    socket.on('error', () => finish('reset'));
  });
}
