import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, useUiSession, waitForStatus } from './e2e-harness';

const MIB = 1024 * 1024;
const SLOW_BPS = 32 * 1024;

const ui = useUiSession();

describe('progress in the queue tells the truth', () => {
  it('a download waiting for a slot says Waiting with no bar; one reaching its server says Connecting', async () => {
    ui.server.setResource('/slow-1.bin', {
      body: makeTestBody(4 * MIB, 141),
      perConnectionRateBps: SLOW_BPS,
    });
    ui.server.setResource('/slow-2.bin', {
      body: makeTestBody(4 * MIB, 142),
      perConnectionRateBps: SLOW_BPS,
    });
    ui.server.setResource('/hesitant.bin', {
      body: makeTestBody(4 * MIB, 143),
      perConnectionRateBps: SLOW_BPS,
      faults: { stallBeforeHeadersMs: { ms: 8_000, times: 1 } },
    });
    ui.server.setResource('/fourth.bin', { body: makeTestBody(MIB, 144) });
    const page = await openUi(ui.browser, ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    // Three run at once by default: the fourth has to wait.
    await input.fill(
      ['/slow-1.bin', '/slow-2.bin', '/hesitant.bin', '/fourth.bin'].map((p) => ui.server.url(p)).join('\n'),
    );
    await input.press('Enter');

    await waitForStatus(page, 'fourth.bin', 'Waiting');
    await waitForStatus(page, 'hesitant.bin', 'Connecting');
    await waitForStatus(page, 'slow-1.bin', 'Downloading');
    await screenshot(page, 'queue-waiting-and-connecting');
    for (const name of ['fourth.bin', 'hesitant.bin']) {
      expect(await row(page, name).getByRole('progressbar').count()).toBe(0);
      expect(await row(page, name).locator('.cell-progress').textContent()).toBe('—');
    }
    const running = row(page, 'slow-1.bin').getByRole('progressbar');
    expect(Number(await running.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
    await page.getByRole('button', { name: 'Pause all' }).click();
    await waitForStatus(page, 'slow-1.bin', 'Paused');
    await page.close();
  });
});
