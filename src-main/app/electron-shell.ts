// The desktop actions of the app, with Electron's shell and dialog.
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { DownloadError } from '../engine/errors';
import type { ShellAdapter } from '../host/shell-adapter';

export function createElectronShell(getWindow: () => BrowserWindow | undefined): ShellAdapter {
  return {
    async openPath(path) {
      // openPath reports failure as a message, not a rejection.
      const failure = await shell.openPath(path);
      if (failure) throw new DownloadError('FILE_SYSTEM', failure);
    },
    async showItemInFolder(path) {
      shell.showItemInFolder(path);
    },
    async chooseFolder() {
      const options: OpenDialogOptions = {
        title: 'Download folder',
        properties: ['openDirectory', 'createDirectory'],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
