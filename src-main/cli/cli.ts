#!/usr/bin/env node
// `pdl`: the headless entry. Downloads the given URLs with the same engine as the desktop app, or
// serves the UI in a browser with `pdl serve`.
import path from 'node:path';
import { chunkWorkerScript, WorkerPool } from '../engine/fetch/worker-pool';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { parseCliArgs, USAGE, UsageError, type DownloadCommand } from './cli-args';
import {
  createJsonReporter,
  createPlainReporter,
  createQuietReporter,
  createTtyReporter,
  type Reporter,
} from './cli-reporter';
import { errorLine } from './cli-format';
import { loadNetrc, proxySettingsOf, requestOptionsFor, timeSettingsOf } from './cli-request-options';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_INTEGRITY = 3;
const EXIT_INTERRUPTED = 130;

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

function reporterFor(output: DownloadCommand['output']): Reporter {
  const out = (text: string) => process.stdout.write(text);
  if (output === 'json') return createJsonReporter(out);
  if (output === 'quiet') return createQuietReporter((text) => process.stderr.write(text));
  if (process.stdout.isTTY) return createTtyReporter(out, () => process.stdout.columns ?? 100);
  return createPlainReporter(out);
}

/** A download has ended for this run when it finished, or waits paused on an error the user must fix. */
function hasEnded(download: DownloadSnapshot): boolean {
  return FINISHED.has(download.status) || (download.status === 'paused' && download.error !== undefined);
}

const STOP_DEADLINE_MS = 20_000;

function exitCodeFor(downloads: DownloadSnapshot[]): number {
  if (downloads.every((d) => d.status === 'completed')) return EXIT_OK;
  if (downloads.some((d) => d.error?.code === 'INTEGRITY_MISMATCH')) return EXIT_INTEGRITY;
  return EXIT_FAILED;
}

async function runDownloads(command: DownloadCommand): Promise<number> {
  let pool: WorkerPool | undefined;
  let engine;
  let netrc;
  try {
    // The chunk workers start on their own threads first, so their start-up overlaps loading the engine.
    pool = new WorkerPool(chunkWorkerScript());
    const { createDownloadEngine } = await import('../engine/download-engine');
    netrc = await loadNetrc(command);
    engine = await createDownloadEngine({
      pool,
      settings: {
        directory: path.resolve(command.directory ?? process.cwd()),
        ...(command.maxConcurrent ? { maxConcurrentDownloads: command.maxConcurrent } : {}),
        ...(command.maxSpeedBps ? { speedLimitBps: command.maxSpeedBps } : {}),
        ...(command.maxSizeBytes ? { maxFileSizeBytes: command.maxSizeBytes } : {}),
        ...proxySettingsOf(command),
        ...timeSettingsOf(command),
      },
    });
  } catch (err) {
    await pool?.close();
    // Settings out of range are the user's input, not an internal failure.
    process.stderr.write(`pdl: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  const { downloadedFileOf } = await import('../engine/duplicate-check');
  const reporter = reporterFor(command.output);
  const ids = new Set<string>();
  let interrupted = false;
  let allAdded = false;
  let check = (): void => undefined;
  const finished = new Promise<void>((resolve) => {
    check = (): void => {
      const mine = engine.list().filter((d) => ids.has(d.id));
      if (allAdded && mine.every(hasEnded)) resolve();
    };
    engine.on('status-changed', (download) => {
      reporter.status(download);
      check();
    });
    engine.on('progressed', (batch) => reporter.progress(batch));
    const interrupt = (): void => {
      interrupted = true;
      // Saving state is bounded: a stop that hangs (a dead network folder) must still end the process.
      setTimeout(() => process.exit(EXIT_INTERRUPTED), STOP_DEADLINE_MS).unref();
      resolve();
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
  });
  const directory = engine.settings().directory;
  try {
    for (const url of command.urls) {
      // Running the same command again after it finished must not fetch a second copy.
      const existing = command.restart ? undefined : downloadedFileOf(url, directory, command.fileName);
      if (existing) {
        // JSON lines on stdout stay machine-readable.
        (command.output === 'json' ? process.stderr : process.stdout).write(
          `already downloaded: ${existing}\n`,
        );
        continue;
      }
      const snapshot = await engine.add({
        url,
        checksums: command.checksums,
        restart: command.restart,
        ...(command.fileName ? { fileName: command.fileName } : {}),
        ...(command.connections ? { connections: command.connections } : {}),
        ...(command.chunkSizeBytes !== undefined ? { chunkSizeBytes: command.chunkSizeBytes } : {}),
        ...requestOptionsFor(command, url, netrc),
      });
      ids.add(snapshot.id);
    }
    allAdded = true;
    check();
  } catch (err) {
    process.stderr.write(`pdl: ${(err as Error).message}\n`);
    await engine.shutdown();
    return EXIT_USAGE;
  }
  await finished;
  // Stops cleanly: running downloads are paused and their journals saved, so the same command resumes.
  await engine.shutdown();
  if (interrupted) {
    process.stderr.write('pdl: interrupted; run the same command again to continue\n');
    return EXIT_INTERRUPTED;
  }
  const results = engine.list().filter((d) => ids.has(d.id));
  const code = exitCodeFor(results);
  if (code !== EXIT_OK && command.output !== 'quiet') {
    const failed = results.find((d) => d.status !== 'completed');
    process.stderr.write(`pdl: ${failed ? errorLine(failed) : 'failed'}\n`);
  }
  return code;
}

export async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`pdl: ${err.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    case 'version':
      process.stdout.write('pdl 0.1.0\n');
      return EXIT_OK;
    case 'serve': {
      // Loaded only here: a download should not pay for the web server and WebSocket start-up.
      const { runServeCommand } = await import('../serve/serve-command');
      return runServeCommand(command.argv);
    }
    case 'download':
      return runDownloads(command);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`pdl: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(EXIT_FAILED);
  },
);
