// Adding a link that was already downloaded into the same folder asks first: Cancel adds nothing,
// Download again fetches a second copy beside the first.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession, waitForStatus } from './e2e-harness';

const ui = useUiSession();

async function add(page: Page, url: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(url);
  await input.press('Enter');
}

describe('adding a link that is already downloaded', () => {
  it('asks "Download again?"; Cancel adds nothing, Download again gets a second copy', async () => {
    ui.server.setResource('/again.bin', { body: makeTestBody(200_000, 7) });
    const page = await openUi(ui.browser, ui.serve.url);
    await add(page, ui.server.url('/again.bin'));
    await waitForStatus(page, 'again.bin', 'Completed');

    const finalPath = join(ui.dirs.downloadDir, 'again.bin');
    const question = page.getByRole('dialog', {
      name: `Already downloaded to ${finalPath}. Download again?`,
    });
    await add(page, ui.server.url('/again.bin'));
    await question.waitFor();
    await expect
      .poll(() => question.getByRole('button').allTextContents())
      .toEqual(['Open', 'Download again', 'Cancel']);
    await screenshot(page, 'duplicate-question');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(await page.locator('tr.queue-row').count()).toBe(1);

    await add(page, ui.server.url('/again.bin'));
    await question.getByRole('button', { name: 'Download again' }).click();
    await waitForStatus(page, 'again (1).bin', 'Completed');
    expect(await row(page, 'again (1).bin').count()).toBe(1);
    await page.close();
  });
});
