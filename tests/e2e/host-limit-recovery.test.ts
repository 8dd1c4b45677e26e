// A server that refuses connections beyond 2 for a while: the details say the server allows 2
// connections; once it stops refusing and the recovery time has passed (the engine's injected clock
// is moved forward, nobody waits), the download uses more connections and the notice is gone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS_PER_HOST, RECOVERY_STEP_MS } from '../../src-main/engine/job/host-connections';
import { SkewedClock } from '../support/skewed-clock';
import { makeTestBody, startTestServer, type ResourceSpec, type TestServer } from '../support/test-server';
import {
  launchChromium,
  makeTempDirs,
  openUi,
  row,
  screenshot,
  waitForStatus,
  type ServeProcess,
} from './e2e-harness';
import { startServeInProcess } from './serve-in-process';

const MIB = 1024 * 1024;
const clock = new SkewedClock();
let server: TestServer;
let dirs: Awaited<ReturnType<typeof makeTempDirs>>;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  dirs = await makeTempDirs();
  serve = await startServeInProcess(dirs, { clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await server?.close();
  await dirs?.cleanup();
});

/** How many connections the segment bar says are downloading. */
function activeConnections(label: string | null): number {
  return Number(/(\d+) connections? downloading/.exec(label ?? '')?.[1] ?? 0);
}

describe('a host that limits connections for a while', () => {
  it('shows "server allows 2 connections", then more connections and no notice once it recovered', async () => {
    const body = makeTestBody(24 * MIB, 61);
    const open: ResourceSpec = { body, perConnectionRateBps: 256 * 1024 };
    server.setResource('/capped.bin', { ...open, faults: { maxConnections: { max: 2, mode: '503' } } });
    const page = await openUi(browser, serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(server.url('/capped.bin'));
    await input.press('Enter');
    await waitForStatus(page, 'capped.bin', 'Downloading');
    await row(page, 'capped.bin').click();
    const details = page.getByRole('region', { name: 'Details of capped.bin' });
    const notice = details.getByText(/^The server allows \d+ connections?; using/);
    await details.getByText('The server allows 2 connections; using 2.').waitFor({ timeout: 30_000 });
    await screenshot(page, 'host-limit-2-connections');

    // The server stops refusing; the recovery time passes on the engine's clock.
    server.setResource('/capped.bin', open);
    clock.advance(RECOVERY_STEP_MS * MAX_CONNECTIONS_PER_HOST);
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
    const bar = details.getByRole('img', { name: /connections? downloading/ });
    await expect
      .poll(async () => activeConnections(await bar.getAttribute('aria-label')), { timeout: 15_000 })
      .toBeGreaterThan(2);
    await screenshot(page, 'host-limit-recovered');
    await page.close();
  });
});
