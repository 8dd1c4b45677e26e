// Running `pdl` again for a file it already downloaded says so and exits 0 instead of fetching a copy;
// --restart or a new -o downloads again.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../support/engine-harness';
import { runCli as run } from '../support/run-cli';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const requestsFor = (file: string) => server.requests().filter((r) => r.path === file).length;

describe('pdl and a file it already downloaded', () => {
  it('says "already downloaded" and exits 0 without a request; --restart and a new -o download', async () => {
    const dir = tempDir();
    const body = makeTestBody(100_000, 6);
    server.setResource('/once.bin', { body });
    const url = server.url('/once.bin');
    expect((await run([url, '-d', dir])).code).toBe(0);
    const requests = requestsFor('/once.bin');

    const again = await run([url, '-d', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`already downloaded: ${path.join(dir, 'once.bin')}\n`);
    expect(requestsFor('/once.bin')).toBe(requests);
    expect(fs.readdirSync(dir)).toEqual(['once.bin']);

    expect((await run([url, '-d', dir, '-o', 'second.bin'])).code).toBe(0);
    expect(sha256(path.join(dir, 'second.bin'))).toBe(sha256(body));
    expect((await run([url, '-d', dir, '--restart', '-q'])).code).toBe(0);
    expect(sha256(path.join(dir, 'once (1).bin'))).toBe(sha256(body));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
