import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { createCompletionNotifier, type NotificationContent } from '../../src-main/app/completion-notifier';
import { urlsFromArgv } from '../../src-main/app/launch-urls';
import { installQuitGuard } from '../../src-main/app/quit-guard';
import { snapshotFor } from '../support/fake-engine';

function snapshot(
  id: string,
  status: DownloadSnapshot['status'],
  patch: Partial<DownloadSnapshot> = {},
): DownloadSnapshot {
  return { ...snapshotFor(id, { url: `http://h/${id}.iso`, fileName: `${id}.iso` }, '/d'), status, ...patch };
}

describe('completion notifications', () => {
  it('notifies once when a download completes or fails, not for other changes or restored state', () => {
    const shown: NotificationContent[] = [];
    const notifier = createCompletionNotifier([snapshot('old', 'completed')], (content) =>
      shown.push(content),
    );
    notifier.onStatus(snapshot('old', 'completed'));
    notifier.onStatus(snapshot('a', 'downloading'));
    notifier.onStatus(
      snapshot('a', 'completed', {
        integrity: [
          { algorithm: 'sha256', expected: 'ab', actual: 'ab', source: 'user', status: 'verified' },
        ],
      }),
    );
    notifier.onStatus(snapshot('a', 'completed'));
    notifier.onStatus(
      snapshot('b', 'failed', {
        error: { code: 'HTTP_STATUS', message: 'Server answered 404', retryable: false, status: 404 },
      }),
    );
    expect(shown).toEqual([
      { title: 'Download complete', body: 'a.iso (checksum verified)' },
      { title: 'Download failed', body: 'b.iso: Server answered 404' },
    ]);
  });
});

describe('launch URLs', () => {
  it('takes the http(s) URLs of a launch command line and ignores the program, flags and files', () => {
    const argv = [
      '/opt/pd/parallel-downloader',
      '--no-sandbox',
      'https://example.com/a.iso',
      '/home/me/file',
      'http://h/b',
      'https://example.com/a.iso',
    ];
    expect(urlsFromArgv(argv)).toEqual(['https://example.com/a.iso', 'http://h/b']);
  });
});

describe('quit guard', () => {
  it('holds the quit until the engine has shut down, then quits once', async () => {
    let listener: ((event: { preventDefault(): void }) => void) | undefined;
    let quits = 0;
    let finishShutdown: () => void = () => {};
    let shutdowns = 0;
    const app = { on: (_e: 'before-quit', l: typeof listener) => (listener = l), quit: () => void quits++ };
    installQuitGuard(
      app,
      () => (shutdowns++, new Promise<void>((resolve) => (finishShutdown = resolve))),
      () => {},
    );
    const fire = () => {
      let prevented = false;
      listener?.({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(fire()).toBe(true);
    expect(fire()).toBe(true);
    expect(shutdowns).toBe(1);
    expect(quits).toBe(0);
    finishShutdown();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(quits).toBe(1);
    expect(fire()).toBe(false);
  });
});
