// Downloads over https: certificates are checked, and a CA given in NODE_EXTRA_CA_CERTS is trusted,
// as users behind a corporate CA need. The CLI runs as its own process so the variable applies.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Http1Connection } from '../../src-main/engine/fetch/http1-connection';
import { openRequest } from '../../src-main/engine/fetch/http-request';
import { startConnectProxy } from '../support/connect-proxy';
import { sha256, tempDir } from '../support/engine-harness';
import { makeTestBody } from '../support/test-server';

const CLI = path.resolve('out/main/cli.js');
const CERT = path.resolve('tests/fixtures/tls-self-signed-cert.pem');
const KEY = path.resolve('tests/fixtures/tls-self-signed-key.pem');
const BODY = makeTestBody(6 * 1024 * 1024 + 5);
let server: https.Server;
let origin: string;
let rangedRequests = 0;
/** Every TLS session the server completed, and those that carried a request. */
const handshakes = new Set<object>();
const usedSockets = new Set<object>();

beforeAll(async () => {
  server = https.createServer({ cert: fs.readFileSync(CERT), key: fs.readFileSync(KEY) }, (req, res) => {
    usedSockets.add(req.socket);
    const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (!match) return void res.writeHead(200, { 'Content-Length': BODY.length }).end(BODY);
    rangedRequests++;
    const start = Number(match[1]);
    const end = match[2] ? Math.min(Number(match[2]), BODY.length - 1) : BODY.length - 1;
    res.writeHead(206, {
      'Content-Range': `bytes ${start}-${end}/${BODY.length}`,
      'Content-Length': end - start + 1,
      ETag: '"tls-body"',
    });
    res.end(BODY.subarray(start, end + 1));
  });
  server.on('secureConnection', (socket) => handshakes.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
}

describe('https downloads', () => {
  it('refuses a certificate that is not trusted, naming the fix', async () => {
    const response = openRequest({
      connection: new Http1Connection(),
      url: `${origin}/file.bin`,
      engineHeaders: {},
      extraHeaders: {},
      timeouts: { connectMs: 5000, headersMs: 5000, idleMs: 5000 },
      maxRedirects: 0,
      signal: new AbortController().signal,
    });
    await expect(response).rejects.toMatchObject({
      code: 'NETWORK',
      retryable: false,
      message: expect.stringMatching(/not trusted.*NODE_EXTRA_CA_CERTS/),
    });
  });

  it('downloads in parallel ranges byte for byte when NODE_EXTRA_CA_CERTS trusts the CA', async () => {
    const dir = tempDir('pdl-tls-');
    rangedRequests = 0;
    handshakes.clear();
    usedSockets.clear();
    const result = await runCli(['-q', '-c', '4', '-d', dir, '-o', 'tls.bin', `${origin}/file.bin`], {
      NODE_EXTRA_CA_CERTS: CERT,
    });
    expect(result).toMatchObject({ code: 0 });
    expect(sha256(fs.readFileSync(path.join(dir, 'tls.bin')))).toBe(sha256(BODY));
    expect(rangedRequests).toBeGreaterThan(1);
    // The connections opened while the file was prepared carried the ranges: no handshake wasted.
    expect(handshakes.size).toBeGreaterThanOrEqual(4);
    expect([...handshakes].filter((socket) => !usedSockets.has(socket))).toEqual([]);
  });

  it('downloads byte for byte through an HTTP CONNECT proxy, TLS to the origin inside the tunnel', async () => {
    const proxy = await startConnectProxy();
    try {
      const dir = tempDir('pdl-tls-proxy-');
      const args = ['-q', '-c', '4', '-d', dir, '-o', 'tunnel.bin', '--all-proxy', proxy.url];
      const result = await runCli([...args, `${origin}/file.bin`], { NODE_EXTRA_CA_CERTS: CERT });
      expect(result).toEqual({ code: 0, stderr: '' });
      expect(sha256(fs.readFileSync(path.join(dir, 'tunnel.bin')))).toBe(sha256(BODY));
      expect(proxy.tunnels.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });
});
