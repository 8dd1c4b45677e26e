import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTestBody } from '../support/test-server';
import { openUi, row, screenshot, sha256, sha256OfFile, waitForStatus, useUiSession } from './e2e-harness';

const MIB = 1024 * 1024;
const COMPLETE_TIMEOUT_MS = 30_000;

const ui = useUiSession();

function reprDigest(body: Buffer): string {
  const base64 = Buffer.from(sha256(body), 'hex').toString('base64');
  return `sha-256=:${base64}:`;
}

async function addByTyping(page: Page, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Links to download, one per line' });
  await input.fill(text);
  await input.press('Enter');
}

describe('adding downloads in the ui.browser UI', () => {
  it('a pasted URL downloads, and the details show its checksum as verified', async () => {
    const body = makeTestBody(3 * MIB, 11);
    ui.server.setResource('/verified.bin', { body, headers: { 'Repr-Digest': reprDigest(body) } });
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByText('Paste a link or drop one here').waitFor();
    await screenshot(page, 'empty-state');

    await addByTyping(page, ui.server.url('/verified.bin'));
    await waitForStatus(page, 'verified.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    await row(page, 'verified.bin').click();
    const integrity = page.getByRole('table', { name: 'Integrity checks' });
    await integrity.getByText('✓ Verified').waitFor();
    expect(await integrity.textContent()).toContain(sha256(body));
    await screenshot(page, 'completed-verified');
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'verified.bin'))).toBe(sha256(body));
    await page.close();
  });

  it('three URLs pasted at once all download; Ctrl+A and Delete remove them from the list', async () => {
    const bodies = [1, 2, 3].map((seed) => makeTestBody(MIB + seed * 1000, seed));
    bodies.forEach((body, i) => ui.server.setResource(`/three-${i}.bin`, { body }));
    const page = await openUi(ui.browser, ui.serve.url);
    await addByTyping(page, bodies.map((_, i) => ui.server.url(`/three-${i}.bin`)).join('\n'));
    for (let i = 0; i < 3; i += 1) {
      await waitForStatus(page, `three-${i}.bin`, 'Completed', COMPLETE_TIMEOUT_MS);
      expect(await sha256OfFile(join(ui.dirs.downloadDir, `three-${i}.bin`))).toBe(sha256(bodies[i]));
    }
    await screenshot(page, 'three-completed');

    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('Control+A');
    const selectedCount = await page.locator('tr.queue-row[aria-selected="true"]').count();
    expect(selectedCount).toBe(await page.locator('tr.queue-row').count());
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Remove from list' }).click();
    await page.getByText('Paste a link or drop one here').waitFor();
    // Removing from the list keeps the files.
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'three-0.bin'))).toBe(sha256(bodies[0]));
    await page.close();
  });

  it('links dropped onto the window are added, and a non-http entry is refused by name', async () => {
    const bodies = [21, 22].map((seed) => makeTestBody(512 * 1024, seed));
    bodies.forEach((body, i) => ui.server.setResource(`/dropped-${i}.bin`, { body }));
    const page = await openUi(ui.browser, ui.serve.url);
    const uriList = [
      '# dragged from a page',
      ui.server.url('/dropped-0.bin'),
      ui.server.url('/dropped-1.bin'),
      'ftp://127.0.0.1/nope.bin',
    ].join('\r\n');
    await page.evaluate(() =>
      window.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: new DataTransfer(), cancelable: true }),
      ),
    );
    await page.locator('.drop-overlay').waitFor();
    await screenshot(page, 'drop-overlay');
    await page.evaluate((list) => {
      const data = new DataTransfer();
      data.setData('text/uri-list', list);
      data.setData('text/plain', list);
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }, uriList);
    await page.locator('.drop-overlay').waitFor({ state: 'detached' });
    await page.getByRole('alert').filter({ hasText: 'ftp://127.0.0.1/nope.bin' }).waitFor();
    for (let i = 0; i < 2; i += 1) {
      await waitForStatus(page, `dropped-${i}.bin`, 'Completed', COMPLETE_TIMEOUT_MS);
      expect(await sha256OfFile(join(ui.dirs.downloadDir, `dropped-${i}.bin`))).toBe(sha256(bodies[i]));
    }
    await screenshot(page, 'dropped-links-with-refusal');
    await page.close();
  });

  it('Ctrl/Cmd+V outside a text field adds the URLs on the clipboard', async () => {
    const body = makeTestBody(256 * 1024, 31);
    ui.server.setResource('/pasted-anywhere.bin', { body });
    const page = await openUi(ui.browser, ui.serve.url);
    await page.evaluate((url) => {
      const data = new DataTransfer();
      data.setData('text/plain', `${url}\n`);
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, ui.server.url('/pasted-anywhere.bin'));
    await waitForStatus(page, 'pasted-anywhere.bin', 'Completed', COMPLETE_TIMEOUT_MS);
    expect(await sha256OfFile(join(ui.dirs.downloadDir, 'pasted-anywhere.bin'))).toBe(sha256(body));
    await page.close();
  });

  it('a wrong expected checksum is shown as a mismatch next to the actual one', async () => {
    const body = makeTestBody(MIB, 41);
    ui.server.setResource('/wrong-sum.bin', { body });
    const wrong = 'ab'.repeat(32);
    const page = await openUi(ui.browser, ui.serve.url);
    await page.getByRole('button', { name: 'Options' }).click();
    await page.getByRole('textbox', { name: 'Expected checksum' }).fill(`sha256=${wrong}`);
    await screenshot(page, 'add-options');
    await addByTyping(page, ui.server.url('/wrong-sum.bin'));
    const item = row(page, 'wrong-sum.bin');
    await waitForStatus(page, 'wrong-sum.bin', 'Failed', COMPLETE_TIMEOUT_MS);
    await expect(item.locator('.error-code').textContent()).resolves.toBe('INTEGRITY_MISMATCH');
    await item.click();
    const integrity = page.getByRole('table', { name: 'Integrity checks' });
    await integrity.getByText('✗ Mismatch').waitFor();
    const text = await integrity.textContent();
    expect(text).toContain(wrong);
    expect(text).toContain(sha256(body));
    await screenshot(page, 'checksum-mismatch');
    await page.close();
  });

  it('every control has an accessible name, and keyboard focus is visible', async () => {
    ui.server.setResource('/named.bin', { body: makeTestBody(64 * 1024, 91) });
    const page = await openUi(ui.browser, ui.serve.url);
    await addByTyping(page, ui.server.url('/named.bin'));
    await row(page, 'named.bin').click();
    await page.getByRole('button', { name: 'Options' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Save' }).waitFor();
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('button, input, select, textarea, [tabindex="0"]'))
        .filter((element) => {
          if (element.getAttribute('aria-label')?.trim()) return false;
          if (element.closest('label')) return false;
          if (element.tagName === 'BUTTON' && element.textContent?.trim()) return false;
          return true;
        })
        .map((element) => element.outerHTML.slice(0, 160)),
    );
    expect(unnamed).toEqual([]);

    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'hidden' });
    await page.locator('.app-title').click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return {
        element: document.activeElement?.textContent,
        style: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(outline.element).toContain('Options');
    expect(outline.style).not.toBe('none');
    expect(outline.width).not.toBe('0px');
    await page.close();
  });
});
