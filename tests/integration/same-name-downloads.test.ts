// Downloads whose names collide never share a part file: two `pdl` processes at once, a paused
// download of another URL, a user's own `.part` file, and the lock a killed run left behind.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, tempDir, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

const CLI = path.resolve('out/main/cli.js');
let server: TestServer;
let harness: Harness | undefined;

useTestServer(
  (started) => (server = started),
  () => harness,
);

interface Exit {
  code: number | null;
  stderr: string;
}

function pdl(args: string[]): Promise<Exit> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

async function waitForFile(file: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** sha256 of every file in `dir`, by name. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, sha256(path.join(dir, name))]));
}

const bodyA = makeTestBody(2 * 1024 * 1024 + 5, 61);
const bodyB = makeTestBody(2 * 1024 * 1024 + 7, 62);

describe('two pdl processes deriving the same name', () => {
  it('all complete with their own bytes when four URLs download into one folder at once', async () => {
    const dir = tempDir();
    const bodies = [61, 62, 63, 64].map((seed) => makeTestBody(1024 * 1024 + seed, seed));
    bodies.forEach((body, n) =>
      server.setResource(`/${n}/file.bin`, { body, perConnectionRateBps: 400_000 }),
    );
    const exits = await Promise.all(
      bodies.map((_, n) => pdl([server.url(`/${n}/file.bin`), '-c', '4', '-d', dir, '--quiet'])),
    );
    for (const exit of exits) expect(exit).toEqual({ code: 0, stderr: '' });
    const files = contents(dir);
    expect(Object.keys(files).sort()).toEqual(['file (1).bin', 'file (2).bin', 'file (3).bin', 'file.bin']);
    expect(Object.values(files).sort()).toEqual(bodies.map((body) => sha256(body)).sort());
  });

  it('a second process for the same URL never joins the first one’s running download', async () => {
    const dir = tempDir();
    server.setResource('/same/file.bin', { body: bodyA, perConnectionRateBps: 300_000 });
    const first = pdl([server.url('/same/file.bin'), '-c', '4', '-d', dir, '--quiet']);
    await waitForFile(path.join(dir, 'file.bin.part.json'));
    const second = pdl([server.url('/same/file.bin'), '-c', '4', '-d', dir, '--quiet']);
    expect(await first).toEqual({ code: 0, stderr: '' });
    expect(await second).toEqual({ code: 0, stderr: '' });
    expect(contents(dir)).toEqual({ 'file.bin': sha256(bodyA), 'file (1).bin': sha256(bodyA) });
  });
});

describe('names already in use in the folder', () => {
  it('never resumes a paused download of another URL that has the same name', async () => {
    harness = createHarness();
    server.setResource('/paused/file.bin', { body: bodyA, perConnectionRateBps: 1_000_000 });
    server.setResource('/other/file.bin', { body: bodyB });
    const paused = await harness.engine.add({ url: server.url('/paused/file.bin'), connections: 4 });
    await harness.downloadedAtLeast(paused.id, 0.3 * bodyA.length);
    await harness.engine.pause(paused.id);
    const other = await harness.download({ url: server.url('/other/file.bin') });
    expect(other.status).toBe('completed');
    expect(path.basename(other.filePath!)).toBe('file (1).bin');
    expect(sha256(other.filePath!)).toBe(sha256(bodyB));
    await harness.engine.resume(paused.id);
    const resumed = await harness.waitFor(
      paused.id,
      (d) => d.status === 'completed' || d.status === 'failed',
    );
    expect(path.basename(resumed.filePath!)).toBe('file.bin');
    expect(sha256(resumed.filePath!)).toBe(sha256(bodyA));
  });

  it("keeps a user's own empty `.part` file that has no journal and picks another name", async () => {
    harness = createHarness();
    const own = path.join(harness.dir, 'mine.bin.part');
    fs.writeFileSync(own, '');
    server.setResource('/mine.bin', { body: bodyA });
    const result = await harness.download({ url: server.url('/mine.bin') });
    expect(result.status).toBe('completed');
    expect(path.basename(result.filePath!)).toBe('mine (1).bin');
    expect(fs.existsSync(own)).toBe(true);
  });

  it('takes over the name a killed run reserved before it wrote anything', async () => {
    harness = createHarness();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    fs.writeFileSync(path.join(harness.dir, 'crashed.bin.part'), '');
    fs.writeFileSync(path.join(harness.dir, 'crashed.bin.part.lock'), `${dead.stdout.toString()}\n`);
    server.setResource('/crashed.bin', { body: bodyA });
    const result = await harness.download({ url: server.url('/crashed.bin') });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(bodyA));
    expect(fs.readdirSync(harness.dir)).toEqual(['crashed.bin']);
  });
});
