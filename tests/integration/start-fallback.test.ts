// `npm start` where the Electron binary is missing and cannot be fetched: the launcher starts the same
// UI with `pdl serve`, prints its address and asks the system to open it in a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { signIn } from '../support/serve-socket';

const LAUNCHER = resolve('src-main/launch/start-electron.mjs');
const STARTUP_TIMEOUT_MS = 45_000;

let dir: string;
let launcher: ChildProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdl-start-'));
});
afterEach(async () => {
  if (launcher && launcher.exitCode === null) {
    const exited = new Promise((done) => launcher!.once('exit', done));
    launcher.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

function getPage(url: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    get(url, { headers: { Cookie: cookie } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    }).on('error', fail);
  });
}

async function waitFor<T>(find: () => T | undefined, what: string, output: () => string): Promise<T> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline || launcher?.exitCode !== null) throw new Error(`${what}:\n${output()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

it('starts the browser UI with pdl serve when the Electron binary cannot be fetched', async () => {
  // A stand-in for the system opener that records what it was asked to open.
  const bin = join(dir, 'bin');
  const opened = join(dir, 'opened.txt');
  await mkdir(bin);
  await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > '${opened}'\n`);
  await chmod(join(bin, 'xdg-open'), 0o755);
  await mkdir(join(dir, 'no-electron'));

  launcher = spawn(process.execPath, [LAUNCHER], {
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      // No Electron binary here, and its installer's download host is a closed local port.
      ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron'),
      ELECTRON_MIRROR: 'http://127.0.0.1:1/',
      electron_config_cache: join(dir, 'electron-cache'),
      XDG_DATA_HOME: join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stdout!.on('data', (data) => (output += data));
  launcher.stderr!.on('data', (data) => (output += data));

  const url = await waitFor(
    () => /Parallel Downloader UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)?.[1],
    'no UI address printed',
    () => output,
  );
  expect(output).toContain('the Electron desktop binary is not available');

  const cookie = await signIn(url);
  const page = await getPage(new URL('/', url).href, cookie);
  expect(page.status).toBe(200);
  expect(page.body).toContain('<title>Parallel Downloader</title>');

  await waitFor(
    () => (existsSync(opened) ? true : undefined),
    'no browser was opened',
    () => output,
  );
  expect((await readFile(opened, 'utf8')).trim()).toBe(url);
});
