// The details panel leaves the queue most of the window, can be resized from its top edge, opens
// each download at the top, and shows 40 chunks as one segment bar with a legend. Screenshots of it
// in light and dark at 1280 and 800 px wide go to test-results/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, waitForStatus, useUiSession } from './e2e-harness';

const MIB = 1024 * 1024;
const COMPLETE_TIMEOUT_MS = 30_000;

const ui = useUiSession();

async function add(page: Page, url: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(url);
  await input.press('Enter');
}

async function setChunkSize(page: Page, mib: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('spinbutton', { name: 'Chunk size (MiB)' }).fill(mib);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

function panelBox(page: Page) {
  return page.locator('section.details').evaluate((panel) => ({
    height: panel.getBoundingClientRect().height,
    scrollTop: panel.scrollTop,
    windowHeight: window.innerHeight,
  }));
}

describe('the details panel', () => {
  it('stays under half the window, resizes from its edge, and opens each download at the top', async () => {
    ui.server.setResource('/forty.bin', {
      body: makeTestBody(10 * MIB, 8),
      perConnectionRateBps: 256 * 1024,
    });
    ui.server.setResource('/small.bin', { body: makeTestBody(256 * 1024, 9) });
    const page = await openUi(ui.browser, ui.serve.url);
    await setChunkSize(page, '0.25');
    await add(page, ui.server.url('/small.bin'));
    await waitForStatus(page, 'small.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    await add(page, ui.server.url('/forty.bin'));
    await row(page, 'forty.bin').click();
    const bar = page.locator('.chunk-map');
    await expect.poll(() => bar.locator('.marker-active').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await page.getByRole('heading', { name: 'Chunks (40)' }).waitFor();
    await page.locator('.segment-legend').getByText('Waiting to retry').waitFor();
    // 40 chunks: a handful of runs and one marker per connection, never 40 slivers.
    expect(await bar.locator('.segment').count()).toBeLessThan(12);
    expect(await page.locator('tr.chunk-row').count()).toBeLessThan(40);

    for (const [width, scheme] of [
      [1280, 'light'],
      [1280, 'dark'],
      [800, 'light'],
      [800, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      const box = await panelBox(page);
      expect(box.height).toBeLessThanOrEqual(box.windowHeight / 2);
      await screenshot(page, `details-${width}-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });

    const before = (await panelBox(page)).height;
    const handle = page.getByRole('separator', { name: 'Resize the details panel' });
    const edge = await handle.boundingBox();
    if (edge === null) throw new Error('the resize handle is not visible');
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 - 120, { steps: 4 });
    await page.mouse.up();
    expect((await panelBox(page)).height).toBeCloseTo(before + 120, -1);
    await handle.focus();
    await page.keyboard.press('ArrowDown');
    expect((await panelBox(page)).height).toBeCloseTo(before + 80, -1);

    await page.locator('section.details').evaluate((panel) => panel.scrollTo(0, panel.scrollHeight));
    expect((await panelBox(page)).scrollTop).toBeGreaterThan(0);
    await row(page, 'small.bin').click();
    await page.getByRole('region', { name: 'Details of small.bin' }).waitFor();
    expect((await panelBox(page)).scrollTop).toBe(0);
    await page.close();
  });
});
