import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../src-main/app/app-menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const actions = { openDownloadsFolder: () => {}, showWindow: () => {} };

describe('application menu', () => {
  it('has the Edit menu (paste shortcuts) and a way to quit on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = buildMenuTemplate(platform, false, actions);
      expect(roles(template), platform).toContain('editMenu');
      expect(
        roles(template).some((role) => role === 'quit' || role === 'appMenu'),
        platform,
      ).toBe(true);
    }
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(buildMenuTemplate('linux', false, actions))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate('linux', true, actions))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it('opens the download folder from the File menu', () => {
    let opened = 0;
    const template = buildMenuTemplate('linux', false, {
      ...actions,
      openDownloadsFolder: () => void opened++,
    });
    const file = template.find((item) => item.label === 'File');
    const entry = (file?.submenu as MenuItemConstructorOptions[]).find(
      (item) => item.label === 'Open Download Folder',
    );
    (entry?.click as () => void)();
    expect(opened).toBe(1);
  });
});
