import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, createAppProtocolHandler } from '../../src-main/app/app-protocol';
import { contentSecurityPolicy, securityHeaders } from '../../src-main/host/content-security-policy';

describe('app:// protocol', () => {
  let dir: string;
  let handle: (request: Request) => Promise<Response>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-app-protocol-'));
    const root = join(dir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Parallel Downloader</title>');
    await writeFile(join(root, 'assets', 'index-abc.js'), 'export {}');
    await writeFile(join(dir, 'secret.txt'), 'private');
    await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
    handle = createAppProtocolHandler(root, securityHeaders(contentSecurityPolicy()));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the page with the CSP and nosniff headers the main process chose', async () => {
    const response = await handle(new Request(APP_PAGE_URL));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Parallel Downloader</title>');
    expect(response.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src 'self';/,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await handle(new Request('app://pdl/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never answers with a file outside the UI folder', async () => {
    for (const url of [
      'app://pdl/..%2fsecret.txt',
      'app://pdl/assets/..%5c..%5csecret.txt',
      'app://pdl/assets/link.txt',
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('private');
    }
  });

  it('answers only for its own host and only to GET', async () => {
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request(APP_PAGE_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
