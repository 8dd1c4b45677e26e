// Cancel and Remove work on the downloads a user sees most (waiting, downloading, paused, failed):
// the row turns Cancelled or disappears, and downloaded data is deleted only after the user said so.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession, waitForStatus } from './e2e-harness';

const MIB = 1024 * 1024;
/** Per connection: 8 MiB take 16 s over 8 connections, so no download ends before it is cancelled. */
const SLOW = 64 * 1024;

const ui = useUiSession();

async function add(page: Page, url: string, checksum?: string): Promise<void> {
  if (checksum !== undefined) {
    await page.getByRole('button', { name: 'Options' }).click();
    await page.getByRole('textbox', { name: 'Expected checksum' }).fill(checksum);
  }
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(url);
  await input.press('Enter');
  if (checksum !== undefined) await page.getByRole('button', { name: 'Options' }).click();
}

/** The part file and journal of `name` in the download folder that still exist. */
function partialFiles(name: string): string[] {
  return [`${name}.part`, `${name}.part.json`].filter((file) => existsSync(join(ui.dirs.downloadDir, file)));
}

async function hasDownloadedSome(page: Page, name: string): Promise<void> {
  await expect
    .poll(async () => (await row(page, name).textContent()) ?? '', { timeout: 20_000 })
    .toMatch(/\d+(\.\d+)? (KiB|MiB) \//);
}

async function menuAction(page: Page, name: string, action: 'Cancel…' | 'Remove…'): Promise<void> {
  await row(page, name).click({ button: 'right' });
  await page.getByRole('menuitem', { name: action }).click();
}

describe('cancel and remove in the states a user sees most', () => {
  it('cancels a downloading and a paused download, deleting their data only after "Cancel and delete"', async () => {
    ui.server.setResource('/moving.bin', { body: makeTestBody(8 * MIB, 81), perConnectionRateBps: SLOW });
    ui.server.setResource('/resting.bin', { body: makeTestBody(8 * MIB, 82), perConnectionRateBps: SLOW });
    const page = await openUi(ui.browser, ui.serve.url);
    await add(page, ui.server.url('/moving.bin'));
    await add(page, ui.server.url('/resting.bin'));
    await waitForStatus(page, 'moving.bin', 'Downloading');
    await hasDownloadedSome(page, 'resting.bin');
    await page.getByRole('button', { name: 'Pause resting.bin' }).click();
    await waitForStatus(page, 'resting.bin', 'Paused');

    const dialog = page.getByRole('dialog');
    for (const name of ['moving.bin', 'resting.bin']) {
      await hasDownloadedSome(page, name);
      await menuAction(page, name, 'Cancel…');
      await dialog.getByText(/^Cancel and delete the .+ downloaded so far\?$/).waitFor();
      expect(partialFiles(name)).toEqual([`${name}.part`, `${name}.part.json`]);
      await dialog.getByRole('button', { name: 'Cancel and delete' }).click();
      await waitForStatus(page, name, 'Cancelled');
      await expect.poll(() => partialFiles(name)).toEqual([]);
    }
    await screenshot(page, 'cancelled-downloading-and-paused');
    await page.close();
  });

  it('cancels a download waiting in the queue at once: it has nothing to lose and never connects', async () => {
    // Slow enough to stay ahead in the queue for the whole test.
    ui.server.setResource('/ahead.bin', { body: makeTestBody(8 * MIB, 83), perConnectionRateBps: 16 * 1024 });
    ui.server.setResource('/behind.bin', { body: makeTestBody(MIB, 84) });
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('spinbutton', { name: 'Downloads at once' }).fill('1');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });
    await add(page, ui.server.url('/ahead.bin'));
    await waitForStatus(page, 'ahead.bin', 'Downloading');
    await add(page, ui.server.url('/behind.bin'));
    await waitForStatus(page, 'behind.bin', 'Waiting');

    await menuAction(page, 'behind.bin', 'Cancel…');
    await waitForStatus(page, 'behind.bin', 'Cancelled');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(ui.server.requests().some((r) => r.path === '/behind.bin')).toBe(false);
    expect(partialFiles('behind.bin')).toEqual([]);

    await menuAction(page, 'ahead.bin', 'Remove…');
    await page.getByRole('dialog').getByRole('button', { name: 'Remove from list' }).click();
    await row(page, 'ahead.bin').waitFor({ state: 'detached' });
    await expect.poll(() => partialFiles('ahead.bin')).toEqual([]);
    await page.close();
  });

  it('removes a failed download with its data only after "Remove and delete file"', async () => {
    ui.server.setResource('/broken.bin', { body: makeTestBody(MIB, 85) });
    const page = await openUi(ui.browser, ui.serve.url);
    await add(page, ui.server.url('/broken.bin'), `sha256=${'ab'.repeat(32)}`);
    await waitForStatus(page, 'broken.bin', 'Failed');
    expect(partialFiles('broken.bin')).toEqual(['broken.bin.part', 'broken.bin.part.json']);

    await menuAction(page, 'broken.bin', 'Remove…');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Remove "broken.bin"?').waitFor();
    await screenshot(page, 'remove-failed-download');
    expect(partialFiles('broken.bin')).toEqual(['broken.bin.part', 'broken.bin.part.json']);
    await dialog.getByRole('button', { name: 'Remove and delete file' }).click();
    await row(page, 'broken.bin').waitFor({ state: 'detached' });
    await expect.poll(() => partialFiles('broken.bin')).toEqual([]);
    await page.close();
  });
});
