// The application menu. The Edit roles matter: without them Cmd+V does not paste on macOS.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDownloadsFolder(): void;
  showWindow(): void;
}

export function buildMenuTemplate(
  platform: NodeJS.Platform,
  isDev: boolean,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
    ...(isDev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const) : []),
  ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Show Downloads', accelerator: 'CmdOrCtrl+1', click: actions.showWindow },
        {
          label: 'Open Download Folder',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: actions.openDownloadsFolder,
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
