// Runs the real engine (source) with the built workers against the local test server, and waits
// for downloads by their events, never by sleeping.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddDownloadOptions, DownloadSnapshot, EngineSettings } from '../../src-shared/download-types';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DownloadEngine, type EngineOptions } from '../../src-main/engine/download-engine';
import { startTestServer, type TestServer } from './test-server';

export const WORKER_DIR = path.resolve('out/main');

export function sha256(data: Buffer | string): string {
  const hash = createHash('sha256');
  hash.update(typeof data === 'string' ? fs.readFileSync(data) : data);
  return hash.digest('hex');
}

export function tempDir(prefix = 'pdl-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Harness {
  engine: DownloadEngine;
  dir: string;
  /** Adds a download and resolves with its snapshot once it stops moving (completed, failed, paused...). */
  download(options: AddDownloadOptions): Promise<DownloadSnapshot>;
  waitFor(id: string, predicate: (d: DownloadSnapshot) => boolean): Promise<DownloadSnapshot>;
  /** Resolves once a progress batch shows at least `bytes` of download `id` written. */
  downloadedAtLeast(id: string, bytes: number): Promise<void>;
  /** Resolves with the snapshot of `id` after the first progress batch where `predicate` holds. */
  waitForProgress(id: string, predicate: (d: DownloadSnapshot) => boolean): Promise<DownloadSnapshot>;
  close(): Promise<void>;
}

const SETTLED = new Set(['completed', 'failed', 'cancelled', 'paused']);

export function createHarness(settings: Partial<EngineSettings> = {}, options: EngineOptions = {}): Harness {
  const dir = tempDir();
  const engine = new DownloadEngine({
    workerDir: WORKER_DIR,
    settings: { directory: dir, minSplitBytes: 64 * 1024, ...settings },
    timeouts: { headersMs: 5_000, idleMs: 5_000 },
    // The machine's *_PROXY variables must not route the tests' local traffic.
    proxyEnvironment: {},
    ...options,
  });
  const waitFor = (id: string, predicate: (d: DownloadSnapshot) => boolean): Promise<DownloadSnapshot> =>
    new Promise((resolve) => {
      const current = engine.get(id);
      if (current && predicate(current)) return resolve(current);
      const off = engine.on('status-changed', (snapshot) => {
        if (snapshot.id !== id || !predicate(snapshot)) return;
        off();
        resolve(snapshot);
      });
    });
  const downloadedAtLeast = (id: string, bytes: number): Promise<void> =>
    new Promise((resolve) => {
      const off = engine.on('progressed', (batch) => {
        const mine = batch.downloads.find((d) => d.id === id);
        if (mine && mine.downloadedBytes >= bytes) {
          off();
          resolve();
        }
      });
    });
  const waitForProgress = (id: string, predicate: (d: DownloadSnapshot) => boolean) =>
    new Promise<DownloadSnapshot>((resolve) => {
      const off = engine.on('progressed', (batch) => {
        const current = engine.get(id);
        if (!batch.downloads.some((d) => d.id === id) || !current || !predicate(current)) return;
        off();
        resolve(current);
      });
    });
  return {
    engine,
    dir,
    waitFor,
    downloadedAtLeast,
    waitForProgress,
    async download(options) {
      const added = await engine.add(options);
      return waitFor(added.id, (d) => SETTLED.has(d.status));
    },
    async close() {
      await engine.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual integration-test setup: the local test server for the whole file, and the current
 * test's harness closed after each test. `onStart` receives the server once it listens.
 */
export function useTestServer(
  onStart: (server: TestServer) => void,
  currentHarness: () => Harness | undefined,
): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    onStart(server);
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    await currentHarness()?.close();
  });
}
