// `npm start`: builds if needed and opens the desktop app. Where the Electron binary cannot be
// installed (no access to its download host), says so and starts the same UI with `pdl serve`
// instead: it prints its address and opens it in the default browser where there is one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const INSTALL_TIMEOUT_MS = 60_000;
const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(projectDir, 'package.json'));

/** Runs the child until it ends, passing Ctrl+C and SIGTERM on, and exits with its code. */
function runToEnd(command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

/**
 * The browser fallback: the same UI served by `pdl serve` on 127.0.0.1. It prints its address and
 * asks the system to open it (xdg-open, open or explorer); where that fails it says so and runs on.
 */
function serveInBrowser(reason) {
  console.error(
    [
      '',
      'Parallel Downloader: the Electron desktop binary is not available.',
      `  ${reason}`,
      'Starting the same UI in your browser instead (pdl serve, on this computer only).',
      '',
    ].join('\n'),
  );
  runToEnd(process.execPath, [join(projectDir, 'out', 'main', 'cli.js'), 'serve'], process.env);
}

function buildIfMissing() {
  if (
    existsSync(join(projectDir, 'out', 'main', 'index.js')) &&
    existsSync(join(projectDir, 'out', 'main', 'cli.js')) &&
    existsSync(join(projectDir, 'out', 'renderer'))
  )
    return;
  console.log('Building the app (npx electron-vite build)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: projectDir, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see the output above.');
    process.exit(1);
  }
}

/**
 * The binary's path without side effects. `require('electron')` itself starts a download, with no
 * time limit, when the binary is missing, so it is only called once the file is known to exist.
 */
function installedBinary(packageDir) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const located = require('electron');
    return existsSync(located) ? located : undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  if (!existsSync(binary)) return undefined;
  const located = require('electron');
  return existsSync(located) ? located : undefined;
}

/** The Electron binary, or why there is none. */
function locateElectron() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'The electron package is not installed (run npm install).' };
  }
  const found = installedBinary(packageDir);
  if (found) return { binary: found };

  console.log(
    `The Electron binary is missing; trying its installer once (up to ${INSTALL_TIMEOUT_MS / 1000} s)…`,
  );
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    cwd: packageDir,
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
  const installed = installedBinary(packageDir);
  if (installed) return { binary: installed };
  if (install.error?.code === 'ETIMEDOUT') {
    return { missing: `Its installer did not finish within ${INSTALL_TIMEOUT_MS / 1000} s.` };
  }
  const firstLine = (install.stderr ?? '').split('\n').find((line) => line.trim() !== '') ?? 'no output';
  return { missing: `Its installer failed (exit ${install.status ?? install.signal}): ${firstLine.trim()}` };
}

buildIfMissing();
const electron = locateElectron();
if (electron.binary) {
  const env = { ...process.env };
  // Set by some tools; it would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  runToEnd(electron.binary, [projectDir, ...process.argv.slice(2)], env);
} else {
  serveInBrowser(electron.missing);
}
