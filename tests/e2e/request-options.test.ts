// The request options as a user sets them: headers and a speed limit in the add options, the proxy
// fields in Settings.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, sha256, sha256OfFile, useUiSession, waitForStatus } from './e2e-harness';

const ui = useUiSession();

async function openOptions(page: Page) {
  await page.getByRole('button', { name: 'Options' }).click();
  return page.getByRole('group', { name: 'Options for the links to add' });
}

describe('request options in the UI', () => {
  it('headers typed in the add options reach the server on every request, and the limit shows in the details', async () => {
    const body = makeTestBody(2 * 1024 * 1024, 93);
    ui.server.setResource('/with-headers.bin', { body });
    ui.server.reset();
    const page = await openUi(ui.browser, ui.serve.url);
    const options = await openOptions(page);
    await options.getByLabel('Headers').fill('Cookie: session=abc\nX-Token: t1');
    await options.getByLabel('Speed limit (KiB/s)').fill('4096');
    await screenshot(page, 'request-options-filled');
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(ui.server.url('/with-headers.bin'));
    await input.press('Enter');
    await waitForStatus(page, 'with-headers.bin', 'Completed');
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'with-headers.bin'))).toBe(sha256(body));
    const requests = ui.server.requests().filter((r) => r.path === '/with-headers.bin');
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.headers.cookie).toBe('session=abc');
      expect(request.headers['x-token']).toBe('t1');
    }
    await row(page, 'with-headers.bin').click();
    await page.getByText('4.0 MiB/s for this download').waitFor();
    await page.close();
  });

  it('a header the engine owns is refused in the form, before anything is added', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    const options = await openOptions(page);
    await options.getByLabel('Headers').fill('Range: bytes=0-10');
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(ui.server.url('/never-added.bin'));
    await input.press('Enter');
    await options
      .getByRole('alert')
      .getByText(/The downloader sets Range itself/)
      .waitFor();
    await screenshot(page, 'request-options-refused-header');
    expect(await row(page, 'never-added.bin').count()).toBe(0);
    await page.close();
  });

  it('Settings refuse an unusable proxy in the field and save a usable one with its no-proxy list', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel(/^Proxy/).fill('socks4://127.0.0.1:1080');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/A proxy must be http:\/\//)
      .waitFor();
    await screenshot(page, 'settings-proxy-refused');
    await dialog.getByLabel(/^Proxy/).fill('socks5h://127.0.0.1:1080');
    await dialog.getByLabel('No proxy for').fill('127.0.0.1 localhost');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await dialog.getByLabel(/^Proxy/).inputValue()).toBe('socks5h://127.0.0.1:1080');
    expect(await dialog.getByLabel('No proxy for').inputValue()).toBe('127.0.0.1, localhost');
    await page.close();
  });
});
