// The add options and the proxy settings as markup: every field keeps its label, and a field with a
// problem is marked invalid and points at the message that explains it.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-main/engine/engine-settings';
import { AppProvider } from '../../src-renderer/app-context';
import { AddOptions } from '../../src-renderer/components/AddOptions';
import { ProxySettingsFields } from '../../src-renderer/components/ProxySettingsFields';
import { TextField } from '../../src-renderer/components/TextField';
import { EMPTY_ADD_FORM, MAX_CONNECTIONS } from '../../src-renderer/lib/add-form';
import { toSettingsForm } from '../../src-renderer/lib/settings-form';
import { createAppStore } from '../../src-renderer/store/app-store';
import { createCommands } from '../../src-renderer/store/commands';
import { alwaysConnected } from '../../src-renderer/transport/renderer-transport';

function renderAddOptions(error: Parameters<typeof AddOptions>[0]['error']): string {
  const store = createAppStore();
  const transport = alwaysConnected(
    { invoke: () => Promise.resolve({ ok: true, value: undefined as never }), on: () => () => undefined },
    false,
  );
  return renderToStaticMarkup(
    <AppProvider services={{ store, commands: createCommands(store, transport), canChooseFolder: false }}>
      <AddOptions
        values={{ ...EMPTY_ADD_FORM, proxy: 'ftp://x' }}
        onChange={() => undefined}
        error={error}
        defaultDirectory="/home/me/Downloads"
      />
    </AppProvider>,
  );
}

/** The opening tag of the control labelled `label`. */
function controlOf(html: string, label: string): string {
  const at = html.indexOf(`<span>${label}</span>`);
  expect(at).toBeGreaterThanOrEqual(0);
  return /<(input|textarea)[^>]*>/.exec(html.slice(at))![0];
}

describe('the add options', () => {
  it('shows every field, none marked invalid, while nothing is wrong', () => {
    const html = renderAddOptions(null);
    for (const label of [
      'Folder',
      'File name',
      'Connections',
      'Expected checksum',
      'Proxy',
      'Speed limit (KiB/s)',
      'Headers',
    ]) {
      expect(controlOf(html, label)).not.toContain('aria-invalid="true"');
    }
    expect(controlOf(html, 'Proxy')).toContain('value="ftp://x"');
    expect(controlOf(html, 'Connections')).toContain(`type="number" min="1" max="${MAX_CONNECTIONS}"`);
    expect(html).not.toContain('role="alert"');
  });

  it('marks the field with the problem and ties it to its message', () => {
    const html = renderAddOptions({ field: 'proxy', message: 'A proxy must be http://, not ftp://.' });
    expect(controlOf(html, 'Proxy')).toMatch(/aria-invalid="true" aria-describedby="add-proxy-error"/);
    expect(html).toContain(
      '<span class="field-error" role="alert" id="add-proxy-error">A proxy must be http://, not ftp://.</span>',
    );
    expect(controlOf(html, 'Headers')).toContain('aria-invalid="false"');
  });
});

describe('the proxy settings', () => {
  it('marks the no-proxy list as invalid with its message, and leaves the proxy alone', () => {
    const values = toSettingsForm({
      ...defaultSettings(),
      directory: '/d',
      proxy: 'http://alice:***@proxy.lan:3128',
      theme: 'system',
    });
    const html = renderToStaticMarkup(
      <ProxySettingsFields
        values={{ ...values, noProxy: 'a b!' }}
        set={() => undefined}
        errors={{ noProxy: '"b!" is not a host name.' }}
      />,
    );
    expect(controlOf(html, 'Proxy')).toContain('value="http://alice:***@proxy.lan:3128"');
    expect(controlOf(html, 'Proxy')).toContain('aria-invalid="false"');
    expect(controlOf(html, 'No proxy for')).toMatch(
      /aria-invalid="true" aria-describedby="settings-noProxy-error"/,
    );
    expect(html).toContain('id="settings-noProxy-error"');
  });
});

describe('a text field with a button beside it', () => {
  it('keeps field and button in one labelled row, and its message tied to the field', () => {
    const html = renderToStaticMarkup(
      <TextField
        label="Download folder"
        value="relative/folder"
        onChange={() => undefined}
        error="Choose a full path."
        errorId="settings-directory-error"
        beside={<button type="button">Choose…</button>}
      />,
    );
    expect(html).toMatch(
      /^<label class="field"><span>Download folder<\/span><span class="field-row"><input /,
    );
    expect(html).toContain('<button type="button">Choose…</button></span>');
    expect(controlOf(html, 'Download folder')).toMatch(
      /aria-invalid="true" aria-describedby="settings-directory-error"/,
    );
    expect(html).toContain('id="settings-directory-error"');
  });
});
