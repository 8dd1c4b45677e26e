import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { AppProvider } from '../../src-renderer/app-context';
import { DetailsPanel } from '../../src-renderer/components/DetailsPanel';
import { createAppStore } from '../../src-renderer/store/app-store';
import { createCommands } from '../../src-renderer/store/commands';
import { alwaysConnected } from '../../src-renderer/transport/renderer-transport';
import { download } from './renderer-fixtures';

function renderDetails(snapshot: DownloadSnapshot): string {
  const store = createAppStore();
  store.getState().replaceAll([snapshot]);
  store.getState().select(snapshot.id, 'replace');
  // Server rendering reads zustand's initial state; this test renders the state it just built.
  store.getInitialState = store.getState;
  const transport = alwaysConnected(
    { invoke: () => Promise.resolve({ ok: true, value: undefined as never }), on: () => () => undefined },
    false,
  );
  return renderToStaticMarkup(
    <AppProvider services={{ store, commands: createCommands(store, transport), canChooseFolder: false }}>
      <DetailsPanel />
    </AppProvider>,
  );
}

describe('details of a download that went wrong', () => {
  it('explains a 404 in words, offers a new link, and does not claim every attempt succeeded', () => {
    const html = renderDetails(
      download('a', {
        status: 'failed',
        fileName: 'gone.iso',
        filePath: '/tmp/downloads/gone.iso',
        error: {
          code: 'HTTP_STATUS',
          message: 'the server answered HTTP 404',
          retryable: false,
          status: 404,
        },
      }),
    );
    expect(html).toContain('The server says this file does not exist (404). Check the link.');
    expect(html).toContain('HTTP_STATUS · HTTP 404');
    expect(html).not.toContain('every attempt so far has succeeded');
    expect(html).toContain('Not retried: trying again would not help with this error.');
    expect(html).toContain('New link for gone.iso');
    expect(html).not.toContain('/tmp/downloads/gone.iso');
    expect(html).toContain('<dt>Folder</dt>');
  });

  it('offers to correct the checksum or download again for a mismatch, and logs it as the whole file', () => {
    const html = renderDetails(
      download('b', {
        status: 'failed',
        fileName: 'bad.bin',
        filePath: '/tmp/downloads/bad.bin',
        integrity: [
          {
            algorithm: 'sha256',
            expected: 'aa'.repeat(32),
            actual: 'bb'.repeat(32),
            status: 'mismatch',
            source: 'user',
          },
        ],
        retries: [
          {
            kind: 'file',
            at: 1,
            error: {
              code: 'INTEGRITY_MISMATCH',
              message: 'integrity mismatch: … (source: user)',
              retryable: true,
            },
          },
        ],
        error: {
          code: 'INTEGRITY_MISMATCH',
          message: 'integrity mismatch: … (source: user)',
          retryable: true,
        },
      }),
    );
    expect(html).toContain('does not match the checksum you gave');
    expect(html).toContain('Check the file with this checksum');
    expect(html).toContain(`value="sha256=${'aa'.repeat(32)}"`);
    expect(html).toContain('Download again');
    expect(html).not.toContain('New link for');
    expect(html).toContain('Whole file');
    expect(html).not.toContain('Chunk 0, attempt 1');
    expect(html).not.toContain('/tmp/downloads/bad.bin');
  });

  it('shows the final path of a completed download', () => {
    const html = renderDetails(
      download('c', { status: 'completed', fileName: 'ok.bin', filePath: '/tmp/downloads/ok.bin' }),
    );
    expect(html).toContain('<dt>File</dt><dd class="mono">/tmp/downloads/ok.bin</dd>');
    expect(html).not.toContain('New link for');
  });

  it('tells that a download started again from the beginning, and how much was discarded', () => {
    const message =
      'The server no longer accepts partial downloads, so the download starts again from the beginning (412 MB discarded).';
    const html = renderDetails(
      download('d', {
        status: 'downloading',
        fileName: 'big.iso',
        notice: { code: 'RESTARTED_FROM_ZERO', message, discardedBytes: 412_000_000 },
      }),
    );
    expect(html).toContain(`<dt>Note</dt><dd class="details-notice" role="status">${message}</dd>`);
  });
});
