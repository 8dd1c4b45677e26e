// `pdl` against a server that is down: the plain output says when the next attempt is, the flags
// set how long it keeps trying and how long each connection may take, and the end is a clear
// message with exit code 1, or the file once the server is back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../support/engine-harness';
import { outagePort } from '../support/outage-port';
import { runCli as run } from '../support/run-cli';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function upstreamPort(): number {
  return Number(new URL(server.origin).port);
}

describe('pdl and a server that is down', () => {
  it('says when it tries again, and gives up after --wait-for-server with exit code 1', async () => {
    const outage = await outagePort(upstreamPort());
    const dir = tempDir();
    const started = Date.now();
    const result = await run([
      outage.url('/gone.bin'),
      '-d',
      dir,
      '--wait-for-server',
      '5s',
      '--connect-timeout',
      '2',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/gone\.bin {2}Server unreachable — trying again in \d+ s/);
    expect(result.stderr).toContain(
      `pdl: http://127.0.0.1:${outage.port}/gone.bin: the server 127.0.0.1:${outage.port} refused the connection (ECONNREFUSED); still unreachable after trying for 5 s.`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
  });

  it('completes once the server is back, within the wait', async () => {
    const body = makeTestBody(1024 * 1024 + 3, 64);
    server.setResource('/back-soon.bin', { body });
    const outage = await outagePort(upstreamPort());
    const dir = tempDir();
    // The outage the test simulates: the server comes back after 1.5 s.
    const back = new Promise((resolve) => setTimeout(resolve, 1_500)).then(() => outage.up());
    const result = await run([
      outage.url('/back-soon.bin'),
      '-d',
      dir,
      '--wait-for-server',
      '30s',
      '--timeout',
      '5',
    ]);
    await back;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sha256(path.join(dir, 'back-soon.bin'))).toBe(sha256(body));
    expect(fs.readdirSync(dir)).toEqual(['back-soon.bin']);
    await outage.down();
  });
});
