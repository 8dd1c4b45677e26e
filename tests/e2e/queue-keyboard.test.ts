import { readdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession } from './e2e-harness';

const MIB = 1024 * 1024;
const NAMES = ['first.bin', 'second.bin', 'third.bin'];

const ui = useUiSession();

function shownOrder(page: Page): Promise<string[]> {
  return page.locator('tr.queue-row .file-name').allTextContents();
}

function statuses(page: Page): Promise<string[]> {
  return page.locator('tr.queue-row .status-pill').allTextContents();
}

describe('working the queue with mouse and keyboard', () => {
  it('multi-selects, pauses and resumes with Space, reorders, and removes with the files', async () => {
    // Slow enough that the downloads are still running while the test works the queue.
    NAMES.forEach((name, i) =>
      ui.server.setResource(`/${name}`, {
        body: makeTestBody(4 * MIB, 80 + i),
        perConnectionRateBps: 32 * 1024,
      }),
    );
    const page = await openUi(ui.browser, ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(NAMES.map((name) => ui.server.url(`/${name}`)).join('\n'));
    await input.press('Enter');
    await expect.poll(() => shownOrder(page)).toEqual(NAMES);

    await row(page, 'first.bin').click();
    await row(page, 'third.bin').click({ modifiers: ['Shift'] });
    expect(await page.locator('tr.queue-row[aria-selected="true"]').count()).toBe(3);
    await page.keyboard.press('Space');
    await expect.poll(() => statuses(page)).toEqual(['Paused', 'Paused', 'Paused']);
    await screenshot(page, 'multi-select-paused');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await statuses(page)).includes('Paused')).toBe(false);

    await row(page, 'second.bin').click({ modifiers: ['Control'] });
    expect(await page.locator('tr.queue-row[aria-selected="true"] .file-name').allTextContents()).toEqual([
      'first.bin',
      'third.bin',
    ]);
    await row(page, 'third.bin').click();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => shownOrder(page)).toEqual(['first.bin', 'third.bin', 'second.bin']);
    await row(page, 'third.bin').click({ button: 'right' });
    await page
      .getByRole('menu', { name: 'Actions for third.bin' })
      .getByRole('menuitem', { name: 'Move up' })
      .click();
    await expect.poll(() => shownOrder(page)).toEqual(['third.bin', 'first.bin', 'second.bin']);
    // The order is the engine's, not only the page's: a reload shows it again.
    await page.reload();
    await expect.poll(() => shownOrder(page)).toEqual(['third.bin', 'first.bin', 'second.bin']);

    expect((await readdir(ui.dirs.downloadDir)).length).toBeGreaterThan(0);
    await page.locator('.queue-footer').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Remove 3 downloads?').waitFor();
    await screenshot(page, 'remove-dialog');
    await dialog.getByRole('button', { name: 'Remove and delete files' }).click();
    await page.getByText('Paste a link or drop one here').waitFor();
    await expect.poll(() => readdir(ui.dirs.downloadDir)).toEqual([]);
    await page.close();
  });
});
