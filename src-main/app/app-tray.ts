// The tray icon: click to show the window, a small menu, and the total speed from TrayStatus.
import { Menu, nativeImage, Tray } from 'electron';

/** Creates the tray; the returned function shows a title (macOS menu bar) and tooltip. */
export function createAppTray(
  iconPath: string,
  showWindow: () => void,
): (title: string, tooltip: string) => void {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Parallel Downloader');
  tray.on('click', showWindow);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Parallel Downloader', click: showWindow },
      { type: 'separator' },
      { role: 'quit' },
    ]),
  );
  return (title, tooltip) => {
    tray.setTitle(title);
    tray.setToolTip(tooltip);
  };
}
