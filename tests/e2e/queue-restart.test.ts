// Restarting `pdl serve`: a completed 8 MiB download and a paused one show the same size, progress,
// integrity results and chunk plan afterwards as before.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';
import {
  launchChromium,
  makeTempDirs,
  openUi,
  row,
  screenshot,
  sha256,
  startServe,
  waitForStatus,
  type ServeProcess,
} from './e2e-harness';

const MIB = 1024 * 1024;
const COMPLETE_TIMEOUT_MS = 45_000;

let server: TestServer;
let browser: Browser;
let dirs: Awaited<ReturnType<typeof makeTempDirs>>;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  server = await startTestServer();
  dirs = await makeTempDirs();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await server?.close();
  await dirs?.cleanup();
});

async function add(page: Page, url: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(url);
  await input.press('Enter');
}

function progressOf(page: Page, name: string): Promise<number> {
  return row(page, name)
    .getByRole('progressbar')
    .getAttribute('aria-valuenow')
    .then((value) => Number(value ?? 0));
}

interface Shown {
  size: string | null;
  progress: number;
  facts: string | null;
  chunks: number;
}

async function shownOf(page: Page, name: string): Promise<Shown> {
  await row(page, name).click();
  const details = page.getByRole('region', { name: `Details of ${name}` });
  await details.waitFor();
  return {
    size: await row(page, name).locator('.cell-size').textContent(),
    progress: await progressOf(page, name),
    facts: await details.locator('.details-facts').first().textContent(),
    chunks: Number(/Chunks \((\d+)\)/.exec((await details.textContent()) ?? '')?.[1] ?? 0),
  };
}

describe('the queue after restarting pdl serve', () => {
  it('a completed and a paused download keep their sizes, results and progress', async () => {
    const done = makeTestBody(8 * MIB, 91);
    const slow = makeTestBody(8 * MIB, 92);
    const digest = Buffer.from(sha256(done), 'hex').toString('base64');
    server.setResource('/kept.bin', { body: done, headers: { 'Repr-Digest': `sha-256=:${digest}:` } });
    server.setResource('/halfway.bin', { body: slow, perConnectionRateBps: 256 * 1024 });
    serve = await startServe(dirs);
    let page = await openUi(browser, serve.url);
    await add(page, server.url('/kept.bin'));
    await waitForStatus(page, 'kept.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    await add(page, server.url('/halfway.bin'));
    await expect.poll(() => progressOf(page, 'halfway.bin'), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await page.getByRole('button', { name: 'Pause halfway.bin' }).click();
    await waitForStatus(page, 'halfway.bin', 'Paused');
    const keptBefore = await shownOf(page, 'kept.bin');
    const pausedBefore = await shownOf(page, 'halfway.bin');
    await page.close();

    await serve.stop();
    serve = await startServe(dirs);
    page = await openUi(browser, serve.url);
    await waitForStatus(page, 'kept.bin', 'Completed');
    await waitForStatus(page, 'halfway.bin', 'Paused');

    const kept = await shownOf(page, 'kept.bin');
    expect(kept).toEqual(keptBefore);
    expect(kept.size).toContain('8.0 MiB');
    expect(kept.progress).toBe(100);
    const details = page.getByRole('region', { name: 'Details of kept.bin' });
    const integrity = details.getByRole('table', { name: 'Integrity checks' });
    expect(await integrity.textContent()).toContain(sha256(done));
    await integrity.getByText('✓ Verified').first().waitFor();
    expect(await details.getByLabel('Times').textContent()).toMatch(/Finished.*Average speed/);
    await screenshot(page, 'restart-completed-kept');

    const paused = await shownOf(page, 'halfway.bin');
    expect(paused).toEqual(pausedBefore);
    expect(paused.progress).toBeGreaterThan(0);
    expect(paused.progress).toBeLessThan(100);
    expect(paused.chunks).toBeGreaterThan(0);
    await screenshot(page, 'restart-paused-kept');
    await page.close();
  });
});
