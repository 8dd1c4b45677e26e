import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession, waitForStatus } from './e2e-harness';

const MIB = 1024 * 1024;
const NAMES = [
  'a-rather-long-file-name-of-a-linux-distribution-installer-amd64.iso',
  'second.bin',
  'third.bin',
];

const ui = useUiSession();

async function addAll(page: Page): Promise<void> {
  NAMES.forEach((name, i) =>
    ui.server.setResource(`/${name}`, {
      body: makeTestBody(8 * MIB, 120 + i),
      perConnectionRateBps: 48 * 1024,
    }),
  );
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(NAMES.map((name) => ui.server.url(`/${name}`)).join('\n'));
  await input.press('Enter');
  for (const name of NAMES) await waitForStatus(page, name, 'Downloading');
}

/** The cells whose text or pill does not fit: what a user would see cut off. */
function clippedCells(page: Page): Promise<string[]> {
  return page.locator('tr.queue-row').evaluateAll((rows) =>
    rows.flatMap((tr) => {
      const cell = tr.querySelector('.cell-status') as HTMLElement;
      const pill = tr.querySelector('.status-pill') as HTMLElement;
      const clipped: string[] = [];
      // Size, speed and time sit in a contained box that clips them: measure the box, not the cell.
      for (const text of tr.querySelectorAll<HTMLElement>(
        ':is(.cell-size, .cell-speed, .cell-time) > .cell-box, .cell-added',
      )) {
        // A hidden column (narrow window) has no width to overflow.
        if (text.offsetParent !== null && text.scrollWidth > text.clientWidth) {
          clipped.push(`${text.closest('td')?.className}: ${text.textContent}`);
        }
      }
      if (pill.getBoundingClientRect().right > cell.getBoundingClientRect().right) {
        clipped.push(`status: ${pill.textContent}`);
      }
      return clipped;
    }),
  );
}

describe('the queue for keyboard, screen reader and window-size users', () => {
  it('is a grid with one tab stop; arrows move focus and selection; Shift+F10 opens the row menu', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    await addAll(page);
    const grid = page.getByRole('grid', { name: 'Downloads' });
    expect(await grid.getByRole('row').count()).toBe(NAMES.length + 1);

    const tabStops = await grid.evaluate(
      (table) =>
        [
          table,
          ...Array.from(table.querySelectorAll<HTMLElement>('button, input, select, [tabindex]')),
        ].filter((element) => (element as HTMLElement).tabIndex >= 0).length,
    );
    expect(tabStops).toBe(1);
    await page.getByRole('combobox', { name: 'Sort by' }).focus();
    await page.keyboard.press('Tab');
    expect(await grid.evaluate((table) => document.activeElement === table)).toBe(true);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = await grid.getAttribute('aria-activedescendant');
    expect(await page.locator(`#${active} .file-name`).textContent()).toBe('second.bin');
    expect(await row(page, 'second.bin').getAttribute('aria-selected')).toBe('true');
    expect(await row(page, NAMES[0]).getAttribute('aria-selected')).toBe('false');

    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Actions for second.bin' });
    await menu.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await grid.evaluate((table) => document.activeElement === table)).toBe(true);
    // The arrows went to the menu, not to the queue: the selection did not move.
    expect(await row(page, 'second.bin').getAttribute('aria-selected')).toBe('true');
    await page.close();
  });

  it('gives the name the room at 1280 px and clips no size or status at 800 px, light and dark', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    for (const name of NAMES) await waitForStatus(page, name, 'Downloading');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      const nameWidth = await page.locator('th.cell-name').evaluate((th) => th.getBoundingClientRect().width);
      expect(nameWidth).toBeGreaterThan(380);
      expect(await clippedCells(page)).toEqual([]);
      await screenshot(page, `queue-1280-${scheme}`);
      await page.setViewportSize({ width: 800, height: 700 });
      expect(await clippedCells(page)).toEqual([]);
      await screenshot(page, `queue-800-${scheme}`);
    }
    // Frees the download slots for the next test.
    await page.getByRole('button', { name: 'Pause all' }).click();
    for (const name of NAMES) await waitForStatus(page, name, 'Paused');
    await page.close();
  });

  it('announces a finished download in a polite live region', async () => {
    ui.server.setResource('/announced.bin', { body: makeTestBody(64 * 1024, 130) });
    const page = await openUi(ui.browser, ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(ui.server.url('/announced.bin'));
    await input.press('Enter');
    await waitForStatus(page, 'announced.bin', 'Completed');
    const region = page.locator('[role="status"][aria-live="polite"]', { hasText: 'announced.bin' });
    expect(await region.textContent()).toBe('announced.bin finished downloading.');
    await page.close();
  });
});
