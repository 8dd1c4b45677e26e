// A download whose bytes cannot be continued because the server no longer accepts ranges starts
// again from the first byte, and says so: a notice in the snapshot (the details panel and the row's
// tooltip show it) and a line from `pdl`.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, sha256, tempDir, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

const CLI = path.resolve('out/main/cli.js');
let server: TestServer;
let harness: Harness | undefined;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(3 * 1024 * 1024 + 1, 33);
const NOTICE =
  /^The server no longer accepts partial downloads, so the download starts again from the beginning \([\d.]+ (KB|MB) discarded\)\.$/;
const served = () => server.requests().reduce((sum, r) => sum + r.bytesSent, 0);

async function pausedAt40Percent(h: Harness, file: string): Promise<DownloadSnapshot> {
  server.setResource(file, { body, perConnectionRateBps: 1_000_000 });
  const added = await h.engine.add({ url: server.url(file), connections: 4 });
  await h.downloadedAtLeast(added.id, 0.4 * body.length);
  await h.engine.pause(added.id);
  return h.engine.get(added.id)!;
}

async function resumed(h: Harness, id: string): Promise<DownloadSnapshot> {
  await h.engine.resume(id);
  return h.waitFor(id, (d) => d.status === 'completed' || d.status === 'failed');
}

describe('bytes that can no longer be continued', () => {
  it('a resume against a server that stopped accepting ranges starts over and says how much it discarded', async () => {
    harness = createHarness();
    const paused = await pausedAt40Percent(harness, '/no-more-ranges.bin');
    expect(paused.notice).toBeUndefined();
    server.setResource('/no-more-ranges.bin', { body, ranges: false });
    server.reset();
    const result = await resumed(harness, paused.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.notice?.code).toBe('RESTARTED_FROM_ZERO');
    expect(result.notice?.message).toMatch(NOTICE);
    expect(result.notice?.discardedBytes).toBeGreaterThanOrEqual(0.4 * body.length);
    expect(result.notice?.discardedBytes).toBeLessThanOrEqual(paused.downloadedBytes);
    // One stream from the first byte, nothing more.
    expect(served()).toBe(body.length);
  });

  it('a refreshed URL that does not accept ranges starts over and says so', async () => {
    harness = createHarness();
    const paused = await pausedAt40Percent(harness, '/expiring.bin');
    server.setResource('/mirror-without-ranges.bin', { body, ranges: false });
    await harness.engine.refreshUrl(paused.id, server.url('/mirror-without-ranges.bin'));
    const result = await resumed(harness, paused.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(result.notice?.message).toMatch(NOTICE);
  });

  it('`pdl` run again prints the notice as a line of its own', async () => {
    const dir = tempDir();
    server.setResource('/cli-ranges.bin', { body, perConnectionRateBps: 1_000_000 });
    const first = spawn(process.execPath, [CLI, server.url('/cli-ranges.bin'), '-d', dir, '--json'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await reported(first, 0.4 * body.length);
    first.kill('SIGINT');
    expect(await exitOf(first)).toBe(130);

    server.setResource('/cli-ranges.bin', { body, ranges: false });
    const second = spawn(process.execPath, [CLI, server.url('/cli-ranges.bin'), '-d', dir], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    second.stdout!.on('data', (data: Buffer) => (stdout += data.toString()));
    expect(await exitOf(second)).toBe(0);
    const notices = stdout.split('\n').filter((line) => line.includes('no longer accepts partial downloads'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.replace(/^cli-ranges\.bin: /, '')).toMatch(NOTICE);
    expect(sha256(path.join(dir, 'cli-ranges.bin'))).toBe(sha256(body));
  });
});

/** Resolves once the --json output reports at least `bytes` downloaded. */
function reported(child: ChildProcess, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    let pending = '';
    child.stdout!.on('data', (data: Buffer) => {
      const lines = (pending + data.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const event = JSON.parse(line) as { downloads?: { downloadedBytes?: number }[] };
        if ((event.downloads ?? []).some((d) => (d.downloadedBytes ?? 0) >= bytes)) resolve();
      }
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
