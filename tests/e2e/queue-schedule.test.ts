// The queue schedule from the Settings dialog: the footer says when the queue starts, a new download
// waits for it, and clearing the time lets it run.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession, waitForStatus } from './e2e-harness';

const ui = useUiSession();

async function setStartTime(page: Page, time: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Start the queue at').fill(time);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Twelve hours from now, local time: far from any boundary while the test runs. */
function halfADayAway(): string {
  const at = new Date(Date.now() + 12 * 60 * 60_000);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

describe('the queue schedule in the UI', () => {
  it('shows "Queue starts at HH:MM" in the footer and holds new downloads until then', async () => {
    ui.server.setResource('/later.bin', { body: makeTestBody(100_000, 9) });
    const page = await openUi(ui.browser, ui.serve.url);
    const startAt = halfADayAway();
    await setStartTime(page, startAt);
    const footer = page.getByRole('contentinfo', { name: 'Totals' });
    await footer.getByText(`Queue starts at ${startAt}`).waitFor();

    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(ui.server.url('/later.bin'));
    await input.press('Enter');
    await row(page, 'later.bin').waitFor();
    await screenshot(page, 'queue-scheduled');
    expect(ui.server.requests().filter((r) => r.path === '/later.bin')).toHaveLength(0);

    await setStartTime(page, '');
    await waitForStatus(page, 'later.bin', 'Completed');
    expect(await footer.textContent()).not.toContain('Queue starts');
    await page.close();
  });
});
