// `pdl --max-size`: a file over the cap fails with exit code 1 and a sentence naming both sizes,
// whether the server said the size up front or the body simply ran past the cap.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../support/engine-harness';
import { runCli as run } from '../support/run-cli';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

const MiB = 1024 * 1024;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('pdl --max-size', () => {
  it('fails a file whose known size is over the cap before writing anything', async () => {
    const dir = tempDir();
    server.setResource('/known.iso', { body: makeTestBody(3 * MiB, 21) });
    const result = await run([server.url('/known.iso'), '-d', dir, '--max-size', '1M']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'known.iso: the file is 3.0 MiB, larger than the size limit of 1.0 MiB (raise --max-size to download it)',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('stops a body of unknown length at the cap, with nothing under the final name', async () => {
    const dir = tempDir();
    server.setResource('/stream.log', { body: makeTestBody(6 * MiB, 22), unknownLength: true });
    const result = await run([server.url('/stream.log'), '-d', dir, '--max-size', '2M']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('stream.log: the server sent more than the size limit of 2.0 MiB');
    expect(fs.existsSync(path.join(dir, 'stream.log'))).toBe(false);
    expect(fs.statSync(path.join(dir, 'stream.log.part')).size).toBeLessThanOrEqual(2 * MiB + 1);
  });

  it('downloads a file within the cap as usual', async () => {
    const dir = tempDir();
    const body = makeTestBody(MiB, 23);
    server.setResource('/small.bin', { body });
    const result = await run([server.url('/small.bin'), '-d', dir, '--max-size', '1M', '-q']);
    expect(result.code).toBe(0);
    expect(sha256(path.join(dir, 'small.bin'))).toBe(sha256(body));
  });

  it('refuses a cap below the smallest allowed one as a usage error', async () => {
    const result = await run([server.url('/small.bin'), '-d', tempDir(), '--max-size', '100K']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Largest file must be 0 (no limit) or from 1 MiB');
  });
});
