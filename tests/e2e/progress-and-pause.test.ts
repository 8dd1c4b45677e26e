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

/** Fraction written of every chunk drawn in the chunk map, from left to right. */
function chunkFractions(page: Page): Promise<number[]> {
  return page
    .locator('.chunk-map .chunk-fill')
    .evaluateAll((fills) =>
      fills.map((fill) =>
        Number(/scaleX\(([\d.e-]+)\)/.exec((fill as HTMLElement).style.transform)?.[1] ?? 0),
      ),
    );
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
  it('draws a bar per chunk across the file, and the bars advance', async () => {
    const body = makeTestBody(8 * MIB, 51);
    ui.server.setResource('/chunked.bin', { body, perConnectionRateBps: 512 * 1024 });
    const page = await openUi(ui.browser, ui.serve.url);
    await addWithConnections(page, ui.server.url('/chunked.bin'), 4);
    await row(page, 'chunked.bin').click();
    await expect.poll(() => chunkFractions(page).then((f) => f.length), { timeout: 10_000 }).toBe(4);
    await expect.poll(() => chunkFractions(page).then((f) => f.filter((x) => x > 0).length)).toBe(4);
    const early = await chunkFractions(page);
    await screenshot(page, 'chunks-in-progress');

    await expect
      .poll(async () => (await chunkFractions(page)).every((fraction, i) => fraction > early[i]), {
        timeout: 10_000,
      })
      .toBe(true);
    // Each chunk's span is proportional to its byte range: four equal ranges, four equal widths.
    const widths = await page
      .locator('.chunk-map .chunk-span')
      .evaluateAll((spans) => spans.map((span) => (span as HTMLElement).getBoundingClientRect().width));
    for (const width of widths) expect(width).toBeCloseTo(widths[0], 0);
    await waitForStatus(page, 'chunked.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    expect(await chunkFractions(page)).toEqual([1, 1, 1, 1]);
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
