import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { row, screenshot, useUiSession, waitForStatus } from './e2e-harness';

const MIB = 1024 * 1024;

// `pdl serve` opens files with the system opener; a stand-in on PATH records what it was asked to
// open instead of launching a program on the test machine. Set before the session starts `pdl serve`.
const openerDir = mkdtempSync(join(tmpdir(), 'pdl-opener-'));
const openerLog = join(openerDir, 'opened.txt');
writeFileSync(join(openerDir, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${openerLog}'\n`);
chmodSync(join(openerDir, 'xdg-open'), 0o755);
const originalPath = process.env.PATH;
process.env.PATH = `${openerDir}:${originalPath ?? ''}`;
afterAll(() => {
  process.env.PATH = originalPath;
  rmSync(openerDir, { recursive: true, force: true });
});

const ui = useUiSession();

function shownNames(page: Page): Promise<string[]> {
  return page.locator('tr.queue-row .file-name').allTextContents();
}

function viewButton(page: Page, name: string) {
  return page
    .getByRole('group', { name: 'Show' })
    .getByRole('button', { name: new RegExp(`^${name} \\d+$`) });
}

function opened(): string[] {
  try {
    return readFileSync(openerLog, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('finding and handling downloads in a busy queue', () => {
  it('views count and filter, search narrows, headers sort, the menu and double-click act on a row', async () => {
    ui.server.setResource('/alpha.bin', { body: makeTestBody(256 * 1024, 81) });
    ui.server.setResource('/gamma.bin', { body: makeTestBody(8 * MIB, 83), perConnectionRateBps: 64 * 1024 });
    const context = await ui.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.serve.origin });
    const page = await context.newPage();
    await page.goto(ui.serve.url);
    const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
    await input.fill(
      ['/alpha.bin', '/beta-missing.bin', '/gamma.bin'].map((p) => ui.server.url(p)).join('\n'),
    );
    await input.press('Enter');
    await waitForStatus(page, 'alpha.bin', 'Completed');
    await waitForStatus(page, 'beta-missing.bin', 'Failed');
    await waitForStatus(page, 'gamma.bin', 'Downloading');
    expect(await page.getByRole('group', { name: 'Show' }).textContent()).toBe(
      'All 3Active 1Completed 1Failed 1',
    );

    await viewButton(page, 'Completed').click();
    await expect.poll(() => shownNames(page)).toEqual(['alpha.bin']);
    expect(await page.getByRole('contentinfo', { name: 'Totals' }).textContent()).toContain('1 shown');
    await viewButton(page, 'Failed').click();
    await expect.poll(() => shownNames(page)).toEqual(['beta-missing.bin']);
    await viewButton(page, 'All').click();
    await page.getByRole('searchbox', { name: 'Search downloads by name or link' }).fill('GAM');
    await expect.poll(() => shownNames(page)).toEqual(['gamma.bin']);
    await screenshot(page, 'queue-search');
    await page.getByRole('searchbox', { name: 'Search downloads by name or link' }).fill('');

    await page.getByRole('columnheader', { name: 'Size' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['beta-missing.bin', 'alpha.bin', 'gamma.bin']);
    expect(await page.getByRole('columnheader', { name: 'Size' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await page.getByRole('columnheader', { name: 'Size' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['gamma.bin', 'alpha.bin', 'beta-missing.bin']);
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Queue order' });
    await expect.poll(() => shownNames(page)).toEqual(['alpha.bin', 'beta-missing.bin', 'gamma.bin']);

    await row(page, 'alpha.bin').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Actions for alpha.bin' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Open',
      'Show in folder',
      'Copy link',
      'Move down',
      'Remove…',
    ]);
    await screenshot(page, 'queue-row-menu');
    await menu.getByRole('menuitem', { name: 'Copy link' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(ui.server.url('/alpha.bin'));

    await row(page, 'alpha.bin').dblclick();
    await expect.poll(opened).toEqual([join(ui.dirs.downloadDir, 'alpha.bin')]);

    // Clear completed takes the finished row off the list; its file stays.
    await page.getByRole('button', { name: 'Clear completed' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['beta-missing.bin', 'gamma.bin']);
    expect(await readdir(ui.dirs.downloadDir)).toContain('alpha.bin');

    await page.getByRole('button', { name: 'Pause all' }).click();
    await waitForStatus(page, 'gamma.bin', 'Paused');
    await page.getByRole('button', { name: 'Resume all' }).click();
    await waitForStatus(page, 'gamma.bin', 'Downloading');
    await context.close();
  });
});
