import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, sha256, sha256OfFile, waitForStatus, useUiSession } from './e2e-harness';

const MIB = 1024 * 1024;
const COMPLETE_TIMEOUT_MS = 45_000;
const PAUSE_OBSERVATION_MS = 2_000;

const ui = useUiSession();

async function addWithConnections(page: Page, url: string, connections: number): Promise<void> {
  await page.getByRole('button', { name: 'Options' }).click();
  await page.getByRole('spinbutton', { name: 'Connections' }).fill(String(connections));
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(url);
  await input.press('Enter');
  // Closed again so the details panel has the room in the screenshots.
  await page.getByRole('button', { name: 'Options' }).click();
}

/** The segment bar as the user sees it: how much of the bar is filled, and the connection markers. */
function segmentBar(page: Page): Promise<{ written: number; markers: number }> {
  return page.locator('.chunk-map').evaluate((bar) => {
    const width = bar.getBoundingClientRect().width;
    let written = 0;
    for (const run of bar.querySelectorAll('.segment-written')) written += run.getBoundingClientRect().width;
    return { written: written / width, markers: bar.querySelectorAll('.marker-active').length };
  });
}

function totalBytesServed(): number {
  return ui.server.requests().reduce((sum, request) => sum + request.bytesSent, 0);
}

function progressOf(page: Page, name: string): Promise<number> {
  return row(page, name)
    .getByRole('progressbar')
    .getAttribute('aria-valuenow')
    .then((value) => Number(value ?? 0));
}

describe('progress, chunks and pausing in the ui.browser UI', () => {
  it('draws one segment bar with a marker per connection, and the filled part advances to the end', async () => {
    const body = makeTestBody(8 * MIB, 51);
    ui.server.setResource('/chunked.bin', { body, perConnectionRateBps: 512 * 1024 });
    const page = await openUi(ui.browser, ui.serve.url);
    await addWithConnections(page, ui.server.url('/chunked.bin'), 4);
    await row(page, 'chunked.bin').click();
    await expect.poll(() => segmentBar(page).then((bar) => bar.markers), { timeout: 10_000 }).toBe(4);
    await expect.poll(() => segmentBar(page).then((bar) => bar.written)).toBeGreaterThan(0);
    const early = await segmentBar(page);
    await page.getByText('Connection downloading').waitFor();
    await screenshot(page, 'chunks-in-progress');

    await expect
      .poll(async () => (await segmentBar(page)).written, { timeout: 10_000 })
      .toBeGreaterThan(early.written);
    await waitForStatus(page, 'chunked.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    const done = await segmentBar(page);
    expect(done.written).toBeCloseTo(1, 2);
    expect(done.markers).toBe(0);
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'chunked.bin'))).toBe(sha256(body));
    await page.close();
  });

  it('pause stops every byte for 2 s; resume completes a byte-identical file', async () => {
    const body = makeTestBody(8 * MIB, 61);
    ui.server.setResource('/pausable.bin', { body, perConnectionRateBps: 384 * 1024 });
    const page = await openUi(ui.browser, ui.serve.url);
    await addWithConnections(page, ui.server.url('/pausable.bin'), 4);
    await expect.poll(() => progressOf(page, 'pausable.bin'), { timeout: 15_000 }).toBeGreaterThanOrEqual(10);

    await page.getByRole('button', { name: 'Pause pausable.bin' }).click();
    const item = row(page, 'pausable.bin');
    await waitForStatus(page, 'pausable.bin', 'Paused');
    await screenshot(page, 'paused');
    const shownBefore = await item.locator('.cell-size').textContent();
    const servedBefore = totalBytesServed();
    await page.waitForTimeout(PAUSE_OBSERVATION_MS);
    expect(totalBytesServed()).toBe(servedBefore);
    expect(await item.locator('.cell-size').textContent()).toBe(shownBefore);
    expect(await progressOf(page, 'pausable.bin')).toBeLessThan(100);

    await page.getByRole('button', { name: 'Resume pausable.bin' }).click();
    await waitForStatus(page, 'pausable.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'pausable.bin'))).toBe(sha256(body));
    await page.close();
  });

  it('a server that resets connections shows the retries in the chunk rows and the retry log', async () => {
    const body = makeTestBody(4 * MIB, 71);
    ui.server.setResource('/flaky.bin', {
      body,
      perConnectionRateBps: 1024 * 1024,
      faults: { resetAfterBytes: { bytes: 256 * 1024, times: 3 } },
    });
    const page = await openUi(ui.browser, ui.serve.url);
    await addWithConnections(page, ui.server.url('/flaky.bin'), 4);
    await row(page, 'flaky.bin').click();
    const chunks = page.getByRole('table', { name: 'Chunks' });
    await chunks.locator('.chunk-attempts').first().waitFor({ timeout: 10_000 });
    await expect
      .poll(
        async () => Math.max(...(await chunks.locator('.chunk-attempts').allTextContents()).map(Number)),
        { timeout: 20_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(2);
    await screenshot(page, 'retries-in-chunk-rows');
    await waitForStatus(page, 'flaky.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    const log = page.getByRole('list', { name: 'Retry log' });
    expect(await log.locator('li').count()).toBeGreaterThanOrEqual(1);
    expect(await log.textContent()).toMatch(/NETWORK|CONTENT_RANGE_MISMATCH|TIMEOUT/);
    await log.scrollIntoViewIfNeeded();
    await screenshot(page, 'retry-log');
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'flaky.bin'))).toBe(sha256(body));
    await page.close();
  });
});
