// `pdl` killed with SIGKILL at random points, then run again each time, ends with the right file
// and re-fetches no more than each kill can cost: what the connections fetch in one journal
// interval. The points (how far the download got, as its --json events report it) come from a
// seeded generator; the seed is in the test's name, and PDL_KILL_SEED=<seed> replays a run.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_INTERVAL_MS } from '../../src-main/engine/storage/journal-keeper';
import { sha256, tempDir, useTestServer } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

const CLI = path.resolve('out/main/cli.js');
const KILLS = 5;
const CONNECTIONS = 4;
const RATE_PER_CONNECTION_BPS = 700_000;
/** What one kill may cost: a journal interval of transfer, with slack for a loaded machine. */
const MAX_WASTE_PER_KILL_BYTES =
  CONNECTIONS * RATE_PER_CONNECTION_BPS * ((JOURNAL_INTERVAL_MS + 500) / 1000) + 256 * 1024;

let server: TestServer;
useTestServer(
  (started) => (server = started),
  () => undefined,
);

const seed = process.env.PDL_KILL_SEED ? Number(process.env.PDL_KILL_SEED) : randomInt(2 ** 31);

/** mulberry32: a small, well-mixed generator; the same seed gives the same kill moments. */
function seededRandom(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pdl(url: string, dir: string): ChildProcess {
  return spawn(process.execPath, [CLI, url, '-c', String(CONNECTIONS), '-d', dir, '--json'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

interface Event {
  event: 'progress' | 'status';
  downloads?: { downloadedBytes?: number }[];
  download?: { status: string; downloadedBytes: number };
}

/** How far the run got by its own account; verifying counts as the whole file. */
function reached(event: Event, totalBytes: number): number {
  if (event.download)
    return event.download.status === 'verifying' ? totalBytes : event.download.downloadedBytes;
  return Math.max(0, ...(event.downloads ?? []).map((d) => d.downloadedBytes ?? 0));
}

/** Resolves once the run reports `target` bytes (or verifying), or when it ended first. */
function reaching(child: ChildProcess, target: number, totalBytes: number): Promise<void> {
  return new Promise((resolve) => {
    let pending = '';
    child.stdout!.on('data', (data: Buffer) => {
      const lines = (pending + data.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (reached(JSON.parse(line) as Event, totalBytes) >= target) resolve();
    });
    child.once('exit', () => resolve());
  });
}

const served = () => server.requests().reduce((sum, r) => sum + r.bytesSent, 0);

describe('kill -9 at random moments', () => {
  it(`ends with the right file and bounded re-fetching (PDL_KILL_SEED=${seed})`, async () => {
    const random = seededRandom(seed);
    const body = makeTestBody(8 * 1024 * 1024 + 11, 17);
    server.setResource('/killed.bin', { body, perConnectionRateBps: RATE_PER_CONNECTION_BPS });
    const dir = tempDir();
    const url = server.url('/killed.bin');
    const runs: string[] = [];
    let kills = 0;
    try {
      // Points spread over the whole file, in order; one at the end lands while verifying.
      const points = Array.from({ length: KILLS }, () => Math.ceil(random() * body.length)).sort(
        (a, b) => a - b,
      );
      for (const point of points) {
        const child = pdl(url, dir);
        await reaching(child, point, body.length);
        child.kill('SIGKILL');
        const code = await exited(child);
        if (child.signalCode === 'SIGKILL') kills++;
        runs.push(`kill at ${point} B: ${code === null ? 'killed' : `exit ${code}`}, ${served()} B served`);
      }
      const last = pdl(url, dir);
      expect(await exited(last), runs.join('; ')).toBe(0);
      expect(sha256(path.join(dir, 'killed.bin'))).toBe(sha256(body));
      expect(fs.readdirSync(dir)).toEqual(['killed.bin']);
      const wasted = served() - body.length;
      expect(wasted, `seed ${seed}, ${kills} kills: ${runs.join('; ')}`).toBeLessThanOrEqual(
        kills * MAX_WASTE_PER_KILL_BYTES,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
