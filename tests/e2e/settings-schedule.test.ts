// The queue's daily schedule is set in the Settings dialog: the times are kept across a reload and in
// the settings file, and the footer says when the queue starts and stops.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUi, screenshot, useUiSession } from './e2e-harness';

const ui = useUiSession();

describe('the queue schedule in Settings', () => {
  it('keeps the start and stop times after a reload and names them in the footer', async () => {
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const start = dialog.getByLabel('Start the queue at');
    const stop = dialog.getByLabel('Stop the queue at');
    expect(await start.inputValue()).toBe('');
    await dialog.getByText('waiting downloads start at the start time').waitFor();
    await start.fill('02:00');
    await stop.fill('06:30');
    await screenshot(page, 'settings-schedule');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const footer = page.getByRole('contentinfo', { name: 'Totals' });
    await footer.getByText('Queue starts at 02:00, stops at 06:30').waitFor();

    await page.reload();
    await page.locator('.empty-state, .queue-table').first().waitFor();
    await footer.getByText('Queue starts at 02:00, stops at 06:30').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await start.inputValue()).toBe('02:00');
    expect(await stop.inputValue()).toBe('06:30');
    const saved = JSON.parse(await readFile(join(ui.dirs.stateDir, 'settings.json'), 'utf8')) as {
      queueStartAt?: string;
      queueStopAt?: string;
    };
    expect(saved).toMatchObject({ queueStartAt: '02:00', queueStopAt: '06:30' });

    await start.fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await footer.getByText('Queue stops at 06:30', { exact: true }).waitFor();
    await page.close();
  });
});
