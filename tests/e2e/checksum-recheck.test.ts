// Correcting the expected checksum of a failed download checks the bytes already on disk again: no
// request goes to the server, and a match gives the file its final name.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, sha256, sha256OfFile, useUiSession, waitForStatus } from './e2e-harness';

const MIB = 1024 * 1024;
const FAIL_TIMEOUT_MS = 30_000;

const ui = useUiSession();

describe('correcting the expected checksum', () => {
  it('re-checks the file in place: a wrong value keeps it failed, the right one completes it', async () => {
    const body = makeTestBody(MIB, 41);
    ui.server.setResource('/recheck.bin', { body });
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByRole('button', { name: 'Options' }).click();
    await page.getByRole('textbox', { name: 'Expected checksum' }).fill(`sha256=${'cd'.repeat(32)}`);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(ui.server.url('/recheck.bin'));
    await input.press('Enter');
    await page.getByRole('button', { name: 'Options' }).click();
    await waitForStatus(page, 'recheck.bin', 'Failed', FAIL_TIMEOUT_MS);
    const requestsBefore = ui.server.requests().filter((r) => r.path === '/recheck.bin').length;

    await row(page, 'recheck.bin').click();
    const details = page.getByRole('region', { name: 'Details of recheck.bin' });
    const field = details.getByRole('textbox', { name: 'Correct expected checksum' });
    const check = details.getByRole('button', { name: 'Check the file with this checksum' });
    const stillWrong = 'ef'.repeat(32);
    await field.fill(`sha256=${stillWrong}`);
    await check.click();
    const integrity = details.getByRole('table', { name: 'Integrity checks' });
    await integrity.locator('tr.integrity-mismatch', { hasText: stillWrong }).waitFor();
    await waitForStatus(page, 'recheck.bin', 'Failed');
    await screenshot(page, 'checksum-recheck-still-wrong');

    await field.fill(`sha256=${sha256(body)}`);
    await check.click();
    await waitForStatus(page, 'recheck.bin', 'Completed', FAIL_TIMEOUT_MS);
    await integrity.locator('tr.integrity-verified', { hasText: sha256(body) }).waitFor();
    await screenshot(page, 'checksum-recheck-completed');

    expect(ui.server.requests().filter((r) => r.path === '/recheck.bin')).toHaveLength(requestsBefore);
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'recheck.bin'))).toBe(sha256(body));
    await page.close();
  });
});
