// The one app window: sandboxed, isolated, no Node, locked to our page.
import { BrowserWindow } from 'electron';
import { createWindowSecurity } from './window-security';

export function createMainWindow(options: {
  preloadPath: string;
  pageUrl: string;
  iconPath: string;
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1120,
    height: 740,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Parallel Downloader',
    icon: options.iconPath,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  createWindowSecurity(window.webContents, (url) => console.warn(`Refused to open ${url} in the app window`));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.pageUrl);
  return window;
}
