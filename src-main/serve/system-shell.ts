// The desktop actions of `pdl serve`, done with the system's opener (xdg-open, open, explorer).
// The server runs on the user's own computer, so opening a finished file there is what they expect.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import type { ShellAdapter } from '../host/shell-adapter';

type Command = [string, string[]];

function openCommand(target: string, platform: NodeJS.Platform): Command {
  if (platform === 'darwin') return ['open', [target]];
  if (platform === 'win32') return ['explorer.exe', [target]];
  return ['xdg-open', [target]];
}

function revealCommand(path: string, platform: NodeJS.Platform): Command {
  if (platform === 'darwin') return ['open', ['-R', path]];
  if (platform === 'win32') return ['explorer.exe', [`/select,${path}`]];
  // xdg-open has no "select this file": open its folder instead.
  return ['xdg-open', [dirname(path)]];
}

/** Starts a detached program with arguments (no shell, so paths are never interpreted). */
function launch([command, args]: Command): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', (err) => reject(new Error(`Could not run ${command}: ${err.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

export function createSystemShell(platform: NodeJS.Platform = process.platform): ShellAdapter & {
  openUrl(url: string): Promise<void>;
} {
  return {
    openPath: (path) => launch(openCommand(path, platform)),
    showItemInFolder: (path) => launch(revealCommand(path, platform)),
    // A browser page cannot show a native folder picker; the UI lets the user type the folder.
    chooseFolder: async () => null,
    openUrl: (url) => launch(openCommand(url, platform)),
  };
}
