// Composition of `pdl serve`: settings, engine, router and server, started from parsed options and
// stopped on a signal. Everything from outside (engine factory, opener, output) is injected.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineSettings } from '../../src-shared/download-types';
import { redactUrlsInText } from '../../src-shared/redact-url';
import type { DownloadEngineApi } from '../engine/engine-api';
import { createRequestRouter } from '../host/request-router';
import {
  createSettingsStore,
  engineSettingsOf,
  readStoredSettings,
  SETTINGS_FILE_NAME,
} from '../host/settings-store';
import type { ShellAdapter } from '../host/shell-adapter';
import type { RpcEndpointInfo } from '../../src-shared/ipc-contract';
import { describeRpcEndpoint, startRpcEndpoint } from '../rpc/rpc-endpoint';
import { parseServeArgs, SERVE_USAGE } from './serve-options';
import { startServeServer } from './serve-server';

export interface ServeDeps {
  createEngine(options: { settings: Partial<EngineSettings>; stateDir: string }): Promise<DownloadEngineApi>;
  shell: ShellAdapter;
  openUrl(url: string): Promise<void>;
  rendererDir: string;
  /** Resolves when the server should stop (Ctrl+C, SIGTERM). */
  untilStopped(): Promise<void>;
  print(line: string): void;
  printError(line: string): void;
  env: NodeJS.ProcessEnv;
  home: string;
  cwd: string;
}

export async function runServe(argv: string[], deps: ServeDeps): Promise<number> {
  const parsed = parseServeArgs(argv, deps.env, deps.home, deps.cwd);
  if (parsed.kind === 'help') {
    deps.print(SERVE_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    deps.printError(`pdl serve: ${parsed.message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  const { options } = parsed;
  await mkdir(options.stateDir, { recursive: true });
  const settingsFile = join(options.stateDir, SETTINGS_FILE_NAME);
  const stored = await readStoredSettings(settingsFile);
  const engineSettings = engineSettingsOf(stored);
  if (options.directory) engineSettings.directory = options.directory;
  const engine = await deps.createEngine({ settings: engineSettings, stateDir: options.stateDir });
  const settings = createSettingsStore({
    filePath: settingsFile,
    engine,
    stored,
    ...(options.directory ? { runDirectory: options.directory } : {}),
  });
  let rpcInfo: RpcEndpointInfo = { enabled: false, message: 'The aria2 RPC endpoint is off (--no-rpc).' };
  const router = createRequestRouter({
    engine,
    settings,
    shell: deps.shell,
    rpcEndpoint: () => rpcInfo,
    onUnexpectedError: (err) =>
      deps.printError(
        `pdl serve: unexpected error: ${redactUrlsInText((err as Error)?.stack ?? String(err))}`,
      ),
  });

  let server: Awaited<ReturnType<typeof startServeServer>>;
  try {
    server = await startServeServer({
      engine,
      settings,
      router,
      rendererDir: deps.rendererDir,
      port: options.port,
      host: options.host,
    });
  } catch (err) {
    await engine.shutdown();
    deps.printError(`pdl serve: cannot listen on ${options.host}:${options.port}: ${(err as Error).message}`);
    return 1;
  }

  deps.print(`Parallel Downloader UI: ${server.url}`);
  if (options.directory && stored.directory !== undefined && stored.directory !== options.directory) {
    deps.print(
      `Downloading to ${options.directory} (-d) for this run; the saved folder ${stored.directory} applies again without -d.`,
    );
  }
  let stopRequested: () => void = () => undefined;
  const rpcStopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const rpc = options.rpc.enabled
    ? await startRpcEndpoint({
        engine,
        settings,
        stateDir: options.stateDir,
        port: options.rpc.port,
        ...(options.rpc.secret ? { secret: options.rpc.secret } : {}),
        shutdown: () => stopRequested(),
      })
    : undefined;
  if (rpc) {
    rpcInfo = rpc.info;
    deps.print(describeRpcEndpoint(rpc.info));
  }
  deps.print('Press Ctrl+C to stop; unfinished downloads are paused and kept for the next start.');
  if (options.open) {
    deps
      .openUrl(server.url)
      .catch(() => deps.print('Could not open a browser; open the URL above yourself.'));
  }

  await Promise.race([deps.untilStopped(), rpcStopped]);
  await rpc?.close();
  await server.close();
  await engine.shutdown();
  return 0;
}
