import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  makeTempDirs,
  openUi,
  screenshot,
  startServe,
  type ServeProcess,
} from './e2e-harness';

let browser: Browser;
let dirs: Awaited<ReturnType<typeof makeTempDirs>>;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  dirs = await makeTempDirs();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await dirs?.cleanup();
});

describe('a pdl serve session in the browser', () => {
  it('settings saved in the dialog are still there after pdl serve restarts', async () => {
    serve = await startServe(dirs);
    let page = await openUi(browser, serve.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('spinbutton', { name: 'Downloads at once' }).fill('2');
    await dialog.getByRole('spinbutton', { name: 'Connections per download' }).fill('6');
    await dialog.getByRole('spinbutton', { name: 'Speed limit (KiB/s)' }).fill('2048');
    await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await screenshot(page, 'settings-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.close();

    await serve.stop();
    serve = await startServe(dirs);
    page = await openUi(browser, serve.url);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'empty-state-dark');
    await page.getByRole('button', { name: 'Settings' }).click();
    const reopened = page.getByRole('dialog', { name: 'Settings' });
    await expect
      .poll(() => reopened.getByRole('spinbutton', { name: 'Downloads at once' }).inputValue())
      .toBe('2');
    expect(await reopened.getByRole('spinbutton', { name: 'Connections per download' }).inputValue()).toBe(
      '6',
    );
    expect(await reopened.getByRole('spinbutton', { name: 'Speed limit (KiB/s)' }).inputValue()).toBe('2048');
    await page.close();
  });

  it('removes the token from the address bar and keeps working after a reload', async () => {
    serve ??= await startServe(dirs);
    const page = await openUi(browser, serve.url);
    expect(page.url()).not.toContain('token=');
    await page.reload();
    await page.locator('.empty-state, .queue-table').first().waitFor();
    expect(await page.getByText('This page needs its access link').count()).toBe(0);
    await page.close();
  });

  it('the page without the link is refused and says which link to open', async () => {
    serve ??= await startServe(dirs);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${serve.origin}/`);
    await page.getByText('This page needs its access link').waitFor();
    expect(await page.locator('tr.queue-row').count()).toBe(0);
    await screenshot(page, 'no-token');
    await page.close();
  });

  it('a wrong token shows a page that says what to do instead of the app', async () => {
    serve ??= await startServe(dirs);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const response = await page.goto(`${serve.origin}/?token=${'x'.repeat(43)}`);
    expect(response?.status()).toBe(401);
    await page.getByText('This link does not open Parallel Downloader').waitFor();
    await screenshot(page, 'wrong-token');
    await page.close();
  });

  it('after pdl serve restarts, an open page asks for the new link instead of reconnecting forever', async () => {
    serve ??= await startServe(dirs);
    const port = Number(new URL(serve.origin).port);
    const page = await openUi(browser, serve.url);
    await serve.stop();
    serve = await startServe(dirs, port);
    await page.getByText('This page needs its access link').waitFor();
    expect(await page.getByText('Reconnecting').count()).toBe(0);
    await page.close();
  });

  it('shows the disconnected state when pdl serve stops, with what to do', async () => {
    serve ??= await startServe(dirs);
    const page = await openUi(browser, serve.url);
    await serve.stop();
    serve = undefined;
    await page.getByText('Disconnected from the downloader.').waitFor();
    expect(await page.getByRole('button', { name: 'Reconnect now' }).isVisible()).toBe(true);
    await screenshot(page, 'disconnected');
    await page.close();
  });
});
