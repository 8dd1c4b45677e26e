import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession, waitForStatus } from './e2e-harness';

const MIB = 1024 * 1024;

const ui = useUiSession();

describe('actions that would lose downloaded data', () => {
  it('Cancel asks before deleting what was downloaded, and "Keep downloading" keeps it', async () => {
    ui.server.setResource('/keep-me.bin', {
      body: makeTestBody(8 * MIB, 71),
      perConnectionRateBps: 256 * 1024,
    });
    const page = await openUi(ui.browser, ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(ui.server.url('/keep-me.bin'));
    await input.press('Enter');
    await waitForStatus(page, 'keep-me.bin', 'Downloading');

    await row(page, 'keep-me.bin').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Cancel…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/^Cancel and delete the .+ downloaded so far\?$/).waitFor();
    await screenshot(page, 'cancel-confirmation');
    await dialog.getByRole('button', { name: 'Keep downloading' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForStatus(page, 'keep-me.bin', 'Downloading');

    await row(page, 'keep-me.bin').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Cancel…' }).click();
    await dialog.getByRole('button', { name: 'Cancel and delete' }).click();
    await waitForStatus(page, 'keep-me.bin', 'Cancelled');
    await page.close();
  });

  it('pausing a download from a server without ranges warns that its progress will be lost', async () => {
    ui.server.setResource('/no-ranges.bin', {
      body: makeTestBody(8 * MIB, 72),
      ranges: false,
      perConnectionRateBps: 256 * 1024,
    });
    const page = await openUi(ui.browser, ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(ui.server.url('/no-ranges.bin'));
    await input.press('Enter');
    await waitForStatus(page, 'no-ranges.bin', 'Downloading');

    await page.getByRole('button', { name: 'Pause no-ranges.bin' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/^Pause and lose the .+ downloaded so far\?$/).waitFor();
    expect(await dialog.textContent()).toContain('cannot continue a download where it stopped');
    await screenshot(page, 'pause-without-ranges-warning');
    await dialog.getByRole('button', { name: 'Keep downloading' }).click();
    await waitForStatus(page, 'no-ranges.bin', 'Downloading');

    await page.getByRole('button', { name: 'Pause no-ranges.bin' }).click();
    await dialog.getByRole('button', { name: 'Pause anyway' }).click();
    await waitForStatus(page, 'no-ranges.bin', 'Paused');
    await page.close();
  });
});
