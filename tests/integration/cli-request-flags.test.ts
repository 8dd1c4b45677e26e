// `pdl` with the request flags a browser hand-over needs: headers, referer, user agent and .netrc.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../support/engine-harness';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

const CLI = path.resolve('out/main/cli.js');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Without the machine's *_PROXY variables: the local test server is reached directly.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$/i.test(name)));
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('pdl request flags', () => {
  it('sends --header, --referer, --user-agent and the .netrc login on every request, first included', async () => {
    const dir = tempDir();
    const netrc = path.join(dir, 'netrc');
    fs.writeFileSync(netrc, 'machine 127.0.0.1 login alice password s3cret\n');
    const body = makeTestBody(3 * 1024 * 1024, 91);
    server.setResource('/flags.bin', { body });
    server.reset();
    const url = server.url('/flags.bin');
    const result = await run([
      url,
      '-c',
      '4',
      '-d',
      dir,
      '--header',
      'Cookie: session=abc',
      '--header',
      'X-Token: t1',
      '--referer',
      '*',
      '--user-agent',
      'Browser/1.0',
      '--netrc-file',
      netrc,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sha256(path.join(dir, 'flags.bin'))).toBe(sha256(body));
    expect(result.stdout).not.toContain('s3cret');
    const requests = server.requests().filter((r) => r.path === '/flags.bin');
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) {
      expect(request.headers).toMatchObject({
        cookie: 'session=abc',
        'x-token': 't1',
        referer: url,
        'user-agent': 'Browser/1.0',
        authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
      });
    }
  });

  it('refuses a bad header or an invalid .netrc as a usage error before any request', async () => {
    const dir = tempDir();
    const netrc = path.join(dir, 'netrc');
    fs.writeFileSync(netrc, 'machine 127.0.0.1 login alice password s3cret stray\n');
    server.reset();
    const badHeader = await run([server.url('/flags.bin'), '-d', dir, '--header', 'Range: bytes=0-1']);
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toMatch(/--header: the downloader sets Range itself/);
    const badNetrc = await run([server.url('/flags.bin'), '-d', dir, '--netrc-file', netrc]);
    expect(badNetrc.code).toBe(2);
    expect(badNetrc.stderr).toMatch(/not valid on line 1/);
    expect(badNetrc.stderr).not.toContain('s3cret');
    expect(server.requests()).toHaveLength(0);
  });
});
