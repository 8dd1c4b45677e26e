// `pdl serve` started inside the test process with the real engine and the built UI, so a browser
// test can hand the engine options a child process cannot take (an injected clock).
import { join, resolve } from 'node:path';
import type { EngineOptions } from '../../src-main/engine/download-engine';
import { createDownloadEngine } from '../../src-main/engine/download-engine';
import { runServe } from '../../src-main/serve/serve-app';
import type { ServeProcess } from './e2e-harness';

const ROOT = resolve(__dirname, '..', '..');
const URL_PREFIX = 'Parallel Downloader UI: ';

export async function startServeInProcess(
  dirs: { downloadDir: string; stateDir: string },
  engineOptions: Pick<EngineOptions, 'clock'>,
): Promise<ServeProcess> {
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((done) => (stop = done));
  let printed: (url: string) => void = () => undefined;
  const urlPrinted = new Promise<string>((done) => (printed = done));
  const args = ['--port', '0', '--no-open', '--no-rpc', '-d', dirs.downloadDir, '--state-dir', dirs.stateDir];
  const exit = runServe(args, {
    createEngine: (options) =>
      createDownloadEngine({
        ...options,
        ...engineOptions,
        workerDir: join(ROOT, 'out', 'main'),
        // The machine's *_PROXY variables must not route the tests' local traffic.
        proxyEnvironment: {},
      }),
    shell: { openPath: async () => {}, showItemInFolder: async () => {}, chooseFolder: async () => null },
    openUrl: async () => {},
    rendererDir: join(ROOT, 'out', 'renderer'),
    untilStopped: () => stopped,
    print: (line) => {
      if (line.startsWith(URL_PREFIX)) printed(line.slice(URL_PREFIX.length));
    },
    printError: (line) => console.error(line),
    env: {},
    home: dirs.stateDir,
    cwd: dirs.downloadDir,
  });
  const url = await Promise.race([
    urlPrinted,
    exit.then((code) => Promise.reject(new Error(`pdl serve ended with ${code} before printing its URL`))),
  ]);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    stop: async () => {
      stop();
      await exit;
    },
  };
}
