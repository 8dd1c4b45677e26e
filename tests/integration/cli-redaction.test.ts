// `pdl` never prints a link's password or signature: not in progress lines, results, errors or --json.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../support/engine-harness';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

const CLI = path.resolve('out/main/cli.js');
let testServer: TestServer;
const server = (): TestServer => testServer;
beforeAll(async () => {
  testServer = await startTestServer();
});
afterAll(async () => {
  await testServer.close();
});

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

function secretUrl(file: string): string {
  return server()
    .url(`${file}?X-Amz-Signature=SIGNATURE123&sig=SIG456`)
    .replace('http://', 'http://alice:PASSWORD789@');
}

function expectNoSecrets(output: string): void {
  for (const secret of ['PASSWORD789', 'SIGNATURE123', 'SIG456']) expect(output).not.toContain(secret);
}

it('prints neither the password nor the signature of a link, in plain or JSON output', async () => {
  server().setResource('/signed.bin', { body: makeTestBody(64 * 1024, 7) });
  const plain = await run([secretUrl('/signed.bin'), '-d', tempDir()]);
  expect(plain.code).toBe(0);
  expect(plain.output).toContain('signed.bin: complete');
  expectNoSecrets(plain.output);

  const json = await run([secretUrl('/signed.bin'), '-d', tempDir(), '--json']);
  expect(json.code).toBe(0);
  expect(json.output).toContain('alice:***@');
  expectNoSecrets(json.output);
});

it('keeps the secrets out of the error a failed download prints', async () => {
  const failed = await run([secretUrl('/missing.bin'), '-d', tempDir(), '--json']);
  expect(failed.code).toBe(1);
  expect(failed.output).toMatch(/404/);
  expectNoSecrets(failed.output);
});
