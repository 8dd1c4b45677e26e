// The `pdl` process as a user runs it: exit codes, messages, Ctrl+C and kill -9 followed by a re-run.
import { spawn, type ChildProcess } from 'node:child_process';
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

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const run = (args: string[]) => start(args).done;

function bytesServed(file: string): number {
  return server.requests().reduce((sum, r) => (r.path === file ? sum + r.bytesSent : sum), 0);
}

async function waitForFile(file: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('pdl exit codes and messages', () => {
  it("accepts the original project's `-url URL -threads N` form", async () => {
    const dir = tempDir();
    const body = makeTestBody(2 * 1024 * 1024 + 3, 4);
    server.setResource('/seed.bin', { body });
    const result = await run(['-url', server.url('/seed.bin'), '-threads', '4', '-d', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/seed\.bin: complete/);
    expect(sha256(path.join(dir, 'seed.bin'))).toBe(sha256(body));
  });

  it('exits 1 with the HTTP status when the file does not exist', async () => {
    const dir = tempDir();
    const result = await run([server.url('/missing.bin'), '-d', dir, '-q']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HTTP 404/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('exits 2 on a URL that is not http(s)', async () => {
    const result = await run(['ftp://example.invalid/x', '-d', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/only http and https/);
  });

  it('exits 3 on an integrity mismatch and keeps the part file', async () => {
    const dir = tempDir();
    server.setResource('/check.bin', { body: makeTestBody(100_000, 8) });
    const result = await run([
      server.url('/check.bin'),
      '-d',
      dir,
      '--checksum',
      `sha256=${'ab'.repeat(32)}`,
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/integrity mismatch: sha256 expected abab/);
    expect(fs.existsSync(path.join(dir, 'check.bin.part'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'check.bin'))).toBe(false);
  });

  it('exits 2 and says to build when the chunk worker is missing', async () => {
    // A build without its worker, inside the project so packages still resolve.
    const broken = fs.mkdtempSync(path.resolve('out', 'no-worker-'));
    try {
      fs.cpSync(path.dirname(CLI), broken, { recursive: true });
      fs.rmSync(path.join(broken, 'chunk-worker.js'));
      const child = spawn(process.execPath, [path.join(broken, 'cli.js'), server.url('/x.bin'), '-q'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toMatch(/chunk worker .* is missing: run `npm run build` first/);
      expect(stderr).not.toMatch(/internal error/);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('prints one JSON event per line with --json', async () => {
    const dir = tempDir();
    server.setResource('/json.bin', { body: makeTestBody(50_000, 2) });
    const result = await run([server.url('/json.bin'), '-d', dir, '--json']);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({ event: 'status', download: { status: 'completed' } });
  });
});

describe('stopping and continuing', () => {
  const size = 12 * 1024 * 1024;
  const connections = 4;
  const ratePerConnection = 1_500_000;

  it('stops cleanly on Ctrl+C and the same command continues', async () => {
    const dir = tempDir();
    const body = makeTestBody(size, 12);
    server.setResource('/interrupt.bin', { body, perConnectionRateBps: ratePerConnection });
    server.reset();
    const args = [server.url('/interrupt.bin'), '-c', String(connections), '-d', dir, '-q'];
    const first = start(args);
    await waitForFile(path.join(dir, 'interrupt.bin.part.json'));
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/run the same command again/);
    const second = await run(args);
    expect(second.code).toBe(0);
    expect(sha256(path.join(dir, 'interrupt.bin'))).toBe(sha256(body));
    expect(bytesServed('/interrupt.bin')).toBeLessThan(size + connections * 256 * 1024);
  });

  for (const killAfterMs of [150, 900, 1800]) {
    it(`resumes to the correct sha256 after kill -9 at ${killAfterMs} ms, re-downloading little`, async () => {
      const dir = tempDir();
      const body = makeTestBody(size, killAfterMs);
      server.setResource('/killed.bin', { body, perConnectionRateBps: ratePerConnection });
      server.reset();
      // The expected sha256 makes exit 0 mean "verified", also for bytes written before the kill.
      const checksum = `sha256=${sha256(body)}`;
      const args = [
        server.url('/killed.bin'),
        '-c',
        String(connections),
        '-d',
        dir,
        '-q',
        '--checksum',
        checksum,
      ];
      const first = start(args);
      await new Promise((r) => setTimeout(r, killAfterMs));
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');
      const second = await run(args);
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
      expect(sha256(path.join(dir, 'killed.bin'))).toBe(sha256(body));
      expect(fs.readdirSync(dir)).toEqual(['killed.bin']);
      // The journal lags the disk by at most ~1 s: about one second of every connection is fetched again.
      const allowance = connections * ratePerConnection * 1.5 + 512 * 1024;
      expect(bytesServed('/killed.bin')).toBeLessThan(size + allowance);
    });
  }
});

describe('a remote file that changed', () => {
  it('refuses to splice old and new bytes, and --restart downloads the new version from zero', async () => {
    const dir = tempDir();
    const before = makeTestBody(6 * 1024 * 1024, 90);
    const after = makeTestBody(6 * 1024 * 1024, 91);
    server.setResource('/changing.bin', { body: before, perConnectionRateBps: 1_000_000 });
    const args = [server.url('/changing.bin'), '-c', '4', '-d', dir, '-q'];
    const first = start(args);
    await waitForFile(path.join(dir, 'changing.bin.part.json'));
    await new Promise((r) => setTimeout(r, 1200));
    first.child.kill('SIGKILL');
    await first.done;
    server.setResource('/changing.bin', { body: after });
    const refused = await run(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/remote file changed since the download started.*--restart/);
    expect(fs.existsSync(path.join(dir, 'changing.bin'))).toBe(false);
    const restarted = await run([...args, '--restart']);
    expect(restarted.code).toBe(0);
    expect(sha256(path.join(dir, 'changing.bin'))).toBe(sha256(after));
    expect(fs.readdirSync(dir)).toEqual(['changing.bin']);
  });
});
