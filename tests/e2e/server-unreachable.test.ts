// A server that is down when a download is added: the row and the details say so and count down to
// the next attempt; once the server is back the download completes on its own.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outagePort } from '../support/outage-port';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, sha256, sha256OfFile, useUiSession, waitForStatus } from './e2e-harness';

const ui = useUiSession();
const COUNTDOWN = /^Server unreachable — trying again (in \d+ s|now)$/;
const ROW_COUNTDOWN = /^trying again (in \d+ s|now)$/;

describe('a server that is down', () => {
  it('shows "Server unreachable — trying again in N s" until it is back, then completes', async () => {
    const body = makeTestBody(1024 * 1024 + 7, 63);
    ui.server.setResource('/down-for-now.bin', { body });
    const outage = await outagePort(Number(new URL(ui.server.origin).port));
    const page = await openUi(ui.browser, ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(outage.url('/down-for-now.bin'));
    await input.press('Enter');

    // The row: the reason in the status pill, the countdown under it, the whole sentence as its tooltip.
    const countdown = row(page, 'down-for-now.bin').locator('.retry-wait');
    await countdown.waitFor({ timeout: 15_000 });
    expect(await row(page, 'down-for-now.bin').locator('.status-pill').textContent()).toBe(
      'Server unreachable',
    );
    expect(await countdown.textContent()).toMatch(ROW_COUNTDOWN);
    expect(await countdown.getAttribute('title')).toMatch(COUNTDOWN);
    await row(page, 'down-for-now.bin').click();
    const details = page.getByRole('region', { name: 'Details of down-for-now.bin' });
    expect(await details.locator('.details-retry-wait').textContent()).toMatch(COUNTDOWN);
    await screenshot(page, 'server-unreachable');

    await outage.up();
    await waitForStatus(page, 'down-for-now.bin', 'Completed', 45_000);
    expect(await row(page, 'down-for-now.bin').locator('.retry-wait').count()).toBe(0);
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'down-for-now.bin'))).toBe(sha256(body));
    await outage.down();
  });
});
