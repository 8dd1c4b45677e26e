// Shared pieces of the browser tests: the real `pdl serve` as a child process, Debian Chromium via
// playwright-core, screenshots, and file digests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'out', 'main', 'cli.js');
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const SERVE_START_TIMEOUT_MS = 20_000;

export interface ServeProcess {
  /** The page URL with the token, as printed; the server trades the token for a session cookie. */
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

export async function startServe(
  dirs: { downloadDir: string; stateDir: string },
  port = 0,
): Promise<ServeProcess> {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npx electron-vite build` before the browser tests');
  }
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', String(port), '--no-open', '-d', dirs.downloadDir, '--state-dir', dirs.stateDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`pdl serve printed no URL:\n${output}`)),
      SERVE_START_TIMEOUT_MS,
    );
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pdl serve exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGTERM');
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the UI and waits until the queue has loaded (empty state or rows). */
export async function openUi(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.locator('.empty-state, .queue-table').first().waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256OfFile(path: string): Promise<string> {
  return sha256(await readFile(path));
}

export async function makeTempDirs(): Promise<{
  downloadDir: string;
  stateDir: string;
  cleanup(): Promise<void>;
}> {
  const base = await mkdtemp(join(tmpdir(), 'pdl-e2e-'));
  const downloadDir = join(base, 'downloads');
  const stateDir = join(base, 'state');
  await mkdir(downloadDir, { recursive: true });
  await mkdir(stateDir, { recursive: true });
  return { downloadDir, stateDir, cleanup: () => rm(base, { recursive: true, force: true }) };
}

/** The queue row of the download whose file name is `name`. */
export function row(page: Page, name: string) {
  return page.locator('tr.queue-row', { has: page.locator('.file-name', { hasText: name }) });
}

const STATUS_TIMEOUT_MS = 30_000;

/**
 * Waits until the row of `name` shows `status`. On timeout it saves a screenshot and fails with what
 * the row and the error toasts said, so a failure explains itself.
 */
export async function waitForStatus(page: Page, name: string, status: string, timeout = STATUS_TIMEOUT_MS) {
  try {
    await row(page, name).locator('.status-pill', { hasText: status }).waitFor({ timeout });
  } catch (err) {
    const slug = name.replace(/[^\w.-]/g, '_');
    await screenshot(page, `failure-${slug}-${status.toLowerCase()}`).catch(() => undefined);
    const shown = await row(page, name)
      .textContent({ timeout: 1000 })
      .catch(() => 'no such row');
    const toasts = await page.locator('.toast').allTextContents();
    throw new Error(
      `${name} never showed "${status}". Row: ${shown}. Errors: ${toasts.join(' | ') || 'none'}`,
      {
        cause: err,
      },
    );
  }
}

export interface UiSession {
  server: TestServer;
  serve: ServeProcess;
  browser: Browser;
  dirs: Awaited<ReturnType<typeof makeTempDirs>>;
}

/**
 * The usual browser-test setup for one file: the local test server, a running `pdl serve` with its
 * own folders, and Chromium; all torn down after the file. Fields are filled in `beforeAll`.
 */
export function useUiSession(): UiSession {
  const session = {} as UiSession;
  beforeAll(async () => {
    session.server = await startTestServer();
    session.dirs = await makeTempDirs();
    session.serve = await startServe(session.dirs);
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.serve?.stop();
    await session.server?.close();
    await session.dirs?.cleanup();
  });
  return session;
}
