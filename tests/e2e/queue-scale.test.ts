import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession } from './e2e-harness';

const ROWS = 60;
const names = Array.from({ length: ROWS }, (_, i) => `item-${String(i + 1).padStart(2, '0')}.bin`);

const ui = useUiSession();

async function addUrls(page: Page, paths: readonly string[]): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(paths.map((path) => ui.server.url(path)).join('\n'));
  await input.press('Enter');
}

/** Whether the row of `name` is rendered and inside the queue's scroll box. */
async function inView(page: Page, name: string): Promise<boolean> {
  const box = await page.locator('.queue-scroll').boundingBox();
  const rowBox = await row(page, name)
    .boundingBox({ timeout: 500 })
    .catch(() => null);
  if (box === null || rowBox === null) return false;
  return rowBox.y >= box.y && rowBox.y + rowBox.height <= box.y + box.height + 1;
}

describe('a long queue', () => {
  it('shows its last rows when scrolled to the end by wheel and by keyboard, and new rows are reachable', async () => {
    for (const [i, name] of names.entries()) {
      ui.server.setResource(`/${name}`, { body: makeTestBody(16 * 1024, 200 + i) });
    }
    ui.server.setResource('/late-arrival.bin', { body: makeTestBody(16 * 1024, 300) });
    const page = await openUi(ui.browser, ui.serve.url);
    await addUrls(
      page,
      names.map((name) => `/${name}`),
    );
    await expect
      .poll(() => page.locator('.view-button', { hasText: 'All' }).textContent())
      .toBe(`All ${ROWS}`);

    await page.locator('.queue-scroll').hover();
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 2000);
          return inView(page, names[ROWS - 1]);
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await screenshot(page, 'queue-60-rows-wheel-end');

    await page.locator('.queue-scroll').evaluate((box) => (box.scrollTop = 0));
    await row(page, names[0]).click();
    await page.keyboard.press('End');
    await expect.poll(() => inView(page, names[ROWS - 1])).toBe(true);
    expect(await row(page, names[ROWS - 1]).getAttribute('aria-selected')).toBe('true');
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowUp');
    await expect.poll(() => inView(page, names[ROWS - 6])).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => inView(page, names[0])).toBe(true);
    for (let i = 0; i < ROWS - 1; i += 1) await page.keyboard.press('ArrowDown');
    await expect.poll(() => inView(page, names[ROWS - 1])).toBe(true);
    await screenshot(page, 'queue-60-rows-keyboard-end');

    // Appended below the fold while the view is at the top: the end of the list reaches it.
    await page.keyboard.press('Home');
    await addUrls(page, ['/late-arrival.bin']);
    await expect
      .poll(() => page.locator('.view-button', { hasText: 'All' }).textContent())
      .toBe(`All ${ROWS + 1}`);
    await page.locator('.queue-table').focus();
    await page.keyboard.press('End');
    await expect.poll(() => inView(page, 'late-arrival.bin')).toBe(true);
    await page.close();
  });
});
