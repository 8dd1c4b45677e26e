// Which finished downloads must not be opened with one click: programs, scripts, installers and
// launchers run code when "opened", so the user confirms first (the router answers
// CONFIRMATION_REQUIRED and the UI asks). Ordinary documents open directly.
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DownloadError } from '../engine/errors';

/** Extensions that run something when opened, on any of the three desktops (lower case, no dot). */
const RUNNABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  // Windows programs, scripts, shortcuts and installers.
  ...['exe', 'com', 'scr', 'pif', 'cpl', 'msi', 'msp', 'msix', 'appx', 'appref-ms', 'bat', 'cmd'],
  ...['ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'lnk', 'url', 'reg', 'inf', 'msc'],
  // Linux launchers, scripts and packages.
  ...['desktop', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'run', 'bin', 'appimage', 'deb', 'rpm', 'snap'],
  ...['flatpakref', 'py', 'pl', 'rb', 'php'],
  // macOS applications, scripts and installers.
  ...['app', 'command', 'tool', 'pkg', 'mpkg', 'scpt', 'workflow', 'terminal'],
  // Cross-platform.
  ...['jar'],
]);

export function hasRunnableExtension(path: string): boolean {
  return RUNNABLE_EXTENSIONS.has(extname(path).slice(1).toLowerCase());
}

/** True when opening `path` could run code: a runnable extension, or (outside Windows) the exec bit. */
export async function opensAsProgram(
  path: string,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  if (hasRunnableExtension(path)) return true;
  if (platform === 'win32') return false;
  let mode: number;
  try {
    ({ mode } = await stat(path));
  } catch {
    throw new DownloadError('FILE_SYSTEM', `${path} is no longer there: it was moved or deleted.`);
  }
  return (mode & 0o111) !== 0;
}
