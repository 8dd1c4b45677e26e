// Entry of `pdl serve` (the CLI dispatches here): wires the real engine, the system opener and the
// process signals into runServe.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createDownloadEngine } from '../engine/download-engine';
import { runServe } from './serve-app';
import { createSystemShell } from './system-shell';

const STOP_DEADLINE_MS = 20_000;

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Saving state is bounded: a stop that hangs (a dead network folder) must still end the process.
      setTimeout(() => process.exit(130), STOP_DEADLINE_MS).unref();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function runServeCommand(argv: string[]): Promise<number> {
  const shell = createSystemShell();
  return runServe(argv, {
    createEngine: (options) => createDownloadEngine(options),
    shell,
    openUrl: (url) => shell.openUrl(url),
    // The CLI bundle lives in out/main; the built UI beside it in out/renderer.
    rendererDir: join(__dirname, '..', 'renderer'),
    untilStopped: untilSignal,
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
    env: process.env,
    home: homedir(),
    cwd: process.cwd(),
  });
}
