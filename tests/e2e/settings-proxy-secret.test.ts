// The proxy password typed into Settings never comes back to the page: the dialog shows `***`, every
// WebSocket message the page receives lacks it, and saving the dialog again keeps it on disk.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot, useUiSession } from './e2e-harness';

const ui = useUiSession();

describe('the proxy password in the browser UI', () => {
  it('is shown as *** and never sent to the page, while saving the dialog again keeps it', async () => {
    const page = await ui.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const received: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => received.push(String(frame.payload))),
    );
    await page.goto(ui.serve.url);
    await page.locator('.empty-state, .queue-table').first().waitFor();

    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const proxy = dialog.getByLabel(/^Proxy/);
    await page.getByRole('button', { name: 'Settings' }).click();
    await proxy.fill('http://alice:pr0xy-s3cret@127.0.0.1:3128');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await proxy.inputValue()).toBe('http://alice:***@127.0.0.1:3128');
    await screenshot(page, 'settings-proxy-password-hidden');
    await dialog.getByRole('spinbutton', { name: 'Speed limit (KiB/s)' }).fill('100');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // A fresh page load reads the settings again.
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await proxy.inputValue()).toBe('http://alice:***@127.0.0.1:3128');

    const saved = JSON.parse(await readFile(join(ui.dirs.stateDir, 'settings.json'), 'utf8')) as {
      proxy: string;
      speedLimitBps: number;
    };
    expect(saved).toMatchObject({
      proxy: 'http://alice:pr0xy-s3cret@127.0.0.1:3128',
      speedLimitBps: 102_400,
    });
    expect(received.join('\n')).toContain('alice:***@127.0.0.1:3128');
    expect(received.join('\n')).not.toContain('pr0xy-s3cret');
    await page.close();
  });
});
