// The settings dialog holds each number to the shared limits, clears a message as soon as the field
// is right, and shows the downloader's own refusal inside the dialog (not in a toast behind it).
import { describe, expect, it } from 'vitest';
import { openUi, screenshot, useUiSession } from './e2e-harness';

const ui = useUiSession();

describe('settings validation in the browser UI', () => {
  it('refuses a 0.01 MiB chunk size in the dialog and clears the message once the value is valid', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const chunk = dialog.getByRole('spinbutton', { name: 'Chunk size (MiB)' });
    await chunk.fill('0.01');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const message = dialog.getByText('Chunk size must be 0 (automatic) or from 0.0625 MiB to 4,096 MiB.');
    await message.waitFor();
    expect(await chunk.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'settings-chunk-size-refused');

    await chunk.fill('0.05');
    await message.waitFor();
    await chunk.fill('4');
    await message.waitFor({ state: 'detached' });
    expect(await chunk.getAttribute('aria-invalid')).toBe('false');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await chunk.inputValue()).toBe('4');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.close();
  });

  it("shows the downloader's refusal of a folder at the folder field in the dialog, and no toast", async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('textbox', { name: 'Download folder' }).fill('relative/folder');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const folder = dialog.getByRole('textbox', { name: 'Download folder' });
    await dialog
      .locator('#settings-directory-error')
      .getByText('Directory must be an absolute path.')
      .waitFor();
    expect(await folder.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.toast').count()).toBe(0);
    await screenshot(page, 'settings-folder-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.close();
  });
});
