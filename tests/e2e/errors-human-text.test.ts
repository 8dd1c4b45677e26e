// What a user reads when a download goes wrong: a sentence saying what happened and what to do, the
// code only as a detail, and the fix that fits the problem. Screenshots go to test-results/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, waitForStatus, useUiSession } from './e2e-harness';

const MIB = 1024 * 1024;
const FAIL_TIMEOUT_MS = 30_000;

const ui = useUiSession();

async function add(page: Page, url: string, options: { folder?: string; checksum?: string } = {}) {
  if (options.folder !== undefined || options.checksum !== undefined) {
    await page.getByRole('button', { name: 'Options' }).click();
    if (options.folder !== undefined)
      await page.getByRole('textbox', { name: 'Folder' }).fill(options.folder);
    if (options.checksum !== undefined) {
      await page.getByRole('textbox', { name: 'Expected checksum' }).fill(options.checksum);
    }
  }
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(url);
  await input.press('Enter');
  if (options.folder !== undefined || options.checksum !== undefined) {
    await page.getByRole('button', { name: 'Options' }).click();
  }
}

/** Makes `folder` the download folder in Settings: only folders the user chose may be written to. */
async function chooseFolderInSettings(page: Page, folder: string): Promise<string> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const field = dialog.getByRole('textbox', { name: 'Download folder' });
  const previous = await field.inputValue();
  await field.fill(folder);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return previous;
}

/** The problem line of the details panel: the sentence and the small detail under it. */
async function problemOf(page: Page, name: string): Promise<{ headline: string; detail: string }> {
  await row(page, name).click();
  const problem = page.getByRole('region', { name: `Details of ${name}` }).locator('.details-error');
  return {
    headline: (await problem.locator('.details-error-text').textContent()) ?? '',
    detail: (await problem.locator('.error-detail').textContent()) ?? '',
  };
}

describe('errors in human words', () => {
  let fullDisk: string;
  beforeAll(() => {
    fullDisk = mkdtempSync(join(tmpdir(), 'pdl-e2e-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', fullDisk]);
  });
  afterAll(() => {
    execFileSync('umount', [fullDisk]);
    rmSync(fullDisk, { recursive: true, force: true });
  });

  it('a 404 says the file does not exist and to check the link, with the code as a detail', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    await add(page, ui.server.url('/no-such-file.zip'));
    await waitForStatus(page, 'no-such-file.zip', 'Failed', FAIL_TIMEOUT_MS);
    const problem = await problemOf(page, 'no-such-file.zip');
    expect(problem.headline).toBe('The server says this file does not exist (404). Check the link.');
    expect(problem.detail).toContain('HTTP_STATUS');
    const details = page.getByRole('region', { name: 'Details of no-such-file.zip' });
    expect(await details.textContent()).not.toContain('every attempt so far has succeeded');
    const newLink = details.getByRole('textbox', { name: 'New link for no-such-file.zip' });
    await newLink.fill('not a link');
    await newLink.press('Enter');
    await details.getByText('Enter one http:// or https:// link for this download.').waitFor();
    expect(await page.locator('.toast').count()).toBe(0);
    await screenshot(page, 'error-404');
    await page.close();
  });

  it('an unknown host names the host and says to check the link and the connection', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    await add(page, 'http://no-such-host.invalid/file.iso');
    await waitForStatus(page, 'file.iso', 'Failed', FAIL_TIMEOUT_MS);
    const problem = await problemOf(page, 'file.iso');
    expect(problem.headline).toBe(
      'The server name no-such-host.invalid could not be found. Check the link and your internet connection.',
    );
    expect(problem.detail).toContain('NETWORK');
    await screenshot(page, 'error-dns');
    await page.close();
  });

  it('too little free space says how much is needed, how much is free and where', async () => {
    ui.server.setResource('/too-big.bin', { body: makeTestBody(8 * MIB, 3) });
    const page = await openUi(ui.browser, ui.serve.url);
    const usualFolder = await chooseFolderInSettings(page, fullDisk);
    await add(page, ui.server.url('/too-big.bin'), { folder: fullDisk });
    await chooseFolderInSettings(page, usualFolder);
    await waitForStatus(page, 'too-big.bin', 'Paused', FAIL_TIMEOUT_MS);
    const problem = await problemOf(page, 'too-big.bin');
    expect(problem.headline).toBe(
      `This download needs 8.0 MiB more, but only 4.0 MiB is free in ${fullDisk}. Free some space or choose another folder, then resume: nothing downloaded so far is lost.`,
    );
    expect(problem.detail).toContain('NOT_ENOUGH_SPACE');
    const details = page.getByRole('region', { name: 'Details of too-big.bin' });
    expect(await details.getByText('New link for').count()).toBe(0);
    await screenshot(page, 'error-not-enough-space');
    await page.close();
  });

  it('a checksum mismatch offers to correct the checksum or download again, never a new link', async () => {
    const body = makeTestBody(MIB, 4);
    ui.server.setResource('/mismatch.bin', { body });
    const wrong = `sha256=${'cd'.repeat(32)}`;
    const page = await openUi(ui.browser, ui.serve.url);
    await add(page, ui.server.url('/mismatch.bin'), { checksum: wrong });
    await waitForStatus(page, 'mismatch.bin', 'Failed', FAIL_TIMEOUT_MS);
    const problem = await problemOf(page, 'mismatch.bin');
    expect(problem.headline).toBe(
      'The downloaded file does not match the checksum you gave. Correct the expected checksum, or download the file again.',
    );
    const details = page.getByRole('region', { name: 'Details of mismatch.bin' });
    expect(await details.getByRole('textbox', { name: 'Correct expected checksum' }).inputValue()).toBe(
      wrong,
    );
    await details.getByRole('button', { name: 'Download again' }).waitFor();
    expect(await details.getByText('New link for').count()).toBe(0);
    const text = await details.textContent();
    expect(text).not.toContain('Chunk 0, attempt 1');
    expect(text).toContain('Whole file');
    await screenshot(page, 'error-checksum-mismatch');

    await details.getByRole('textbox', { name: 'Correct expected checksum' }).fill('');
    await details.getByRole('button', { name: 'Check the file with this checksum' }).click();
    await details.getByText('Enter the expected checksum').waitFor();
    await page.close();
  });

  it('text without a link gets one plain message under the field, and Alt+Up on the first row pops nothing', async () => {
    ui.server.setResource('/first.bin', { body: makeTestBody(64 * 1024, 5) });
    const page = await openUi(ui.browser, ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill('not a url');
    await input.press('Enter');
    await page.locator('#add-notice').getByText('No link found in the pasted text.').waitFor();
    expect(await page.locator('.toast').count()).toBe(0);
    await screenshot(page, 'paste-no-link');

    await input.fill(ui.server.url('/first.bin'));
    await input.press('Enter');
    await waitForStatus(page, 'first.bin', 'Completed', FAIL_TIMEOUT_MS);
    const first = page.locator('tr.queue-row').first();
    await first.click();
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Alt+ArrowUp');
    // A refusal would arrive as a toast within a round trip; the reorder is never sent at all.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.keyboard.press('Escape');
    expect(await page.locator('.toast').count()).toBe(0);
    await page.close();
  });
});
