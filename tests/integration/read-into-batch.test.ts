// Socket reads land straight in the write batch while a body streams. Whatever the framing around
// the body and whatever the server adds after it, only the body's bytes may reach the part file, and
// none past what the writer may take.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { crc32c } from '@node-rs/crc32';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRequest } from '../../src-main/engine/fetch/http-request';
import { Http1Connection } from '../../src-main/engine/fetch/http1-connection';
import { RangeWriter } from '../../src-main/engine/fetch/range-writer';
import { makeTestBody } from '../support/test-body';

const TIMEOUTS = { connectMs: 5000, headersMs: 5000, idleMs: 5000 };
const BODY = makeTestBody(700 * 1024, 41);
const SENTINEL = 0xee;
/** Each path's whole response, written to the socket in one piece (framing and body together). */
const RESPONSES: Record<string, Buffer> = {
  '/trailing-junk': Buffer.concat([
    Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n`),
    BODY,
    Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\njunk!'),
  ]),
  '/chunked': Buffer.concat([
    Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'),
    ...[40 * 1024, 7, 300 * 1024, BODY.length - 340 * 1024 - 7].flatMap((size, i, sizes) => {
      const start = sizes.slice(0, i).reduce((a, b) => a + b, 0);
      return [
        Buffer.from(`${size.toString(16)}\r\n`),
        BODY.subarray(start, start + size),
        Buffer.from('\r\n'),
      ];
    }),
    Buffer.from('0\r\n\r\n'),
  ]),
  '/ignores-range': Buffer.concat([
    Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n`),
    BODY,
  ]),
};

let server: net.Server;
let origin: string;
let dir: string;
let fd: number;
const connections: Http1Connection[] = [];

beforeAll(async () => {
  server = net.createServer((socket) => {
    let request = '';
    socket.on('data', (data) => {
      request += data.toString('latin1');
      const end = request.indexOf('\r\n\r\n');
      if (end < 0) return;
      const target = request.split(' ')[1] ?? '';
      request = request.slice(end + 4);
      socket.write(RESPONSES[target] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  for (const connection of connections.splice(0)) connection.close();
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true });
});

function partFile(size: number): void {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-read-into-batch-'));
  fd = fs.openSync(path.join(dir, 'a.part'), 'w+');
  fs.writeSync(fd, Buffer.alloc(size, SENTINEL), 0, size, 0);
}

function onDisk(start: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  fs.readSync(fd, out, 0, length, start);
  return out;
}

/** Fetches `target` into the part file at `position`, taking at most up to `end`. */
async function download(target: string, position: number, end: number) {
  const connection = new Http1Connection();
  connections.push(connection);
  const response = await openRequest({
    connection,
    url: `${origin}${target}`,
    engineHeaders: {},
    extraHeaders: {},
    timeouts: TIMEOUTS,
    maxRedirects: 0,
    signal: new AbortController().signal,
  });
  const writer = new RangeWriter({ fd, position, end, crc: 0 }, () => undefined);
  const outcome = await response.exchange.readBody(writer, TIMEOUTS.idleMs);
  await writer.finish();
  return { outcome, state: writer.state };
}

describe('reads straight into the write batch', () => {
  it('writes exactly the Content-Length body when more bytes follow it in the same packet', async () => {
    partFile(BODY.length + 4096);
    const { outcome, state } = await download('/trailing-junk', 1000, Infinity);
    expect(outcome).toBe('complete');
    expect(state.position).toBe(1000 + BODY.length);
    expect(onDisk(1000, BODY.length).equals(BODY)).toBe(true);
    expect(onDisk(1000 + BODY.length, 3096).every((b) => b === SENTINEL)).toBe(true);
    expect(state.crc).toBe(crc32c(BODY));
  });

  it('leaves the chunk framing out of the file, whatever the chunk sizes', async () => {
    partFile(BODY.length);
    const { outcome, state } = await download('/chunked', 0, Infinity);
    expect(outcome).toBe('complete');
    expect(onDisk(0, BODY.length).equals(BODY)).toBe(true);
    expect(state.crc).toBe(crc32c(BODY));
  });

  it('takes nothing past its end from a server that sends the whole file instead', async () => {
    partFile(BODY.length);
    const end = 200 * 1024 - 1;
    const { outcome, state } = await download('/ignores-range', 0, end);
    expect(outcome).toBe('stopped');
    expect(state.position).toBe(end + 1);
    expect(onDisk(0, end + 1).equals(BODY.subarray(0, end + 1))).toBe(true);
    expect(onDisk(end + 1, BODY.length - end - 1).every((b) => b === SENTINEL)).toBe(true);
  });
});
