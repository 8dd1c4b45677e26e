// Two thousand tiny downloads queued at once, most of them deriving the same name (one path on many
// query strings): each one completes into a file of its own with its own bytes, and nothing else is
// left in the folder (no part file, journal or name lock).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, useTestServer, type Harness } from '../support/engine-harness';
import type { TestServer } from '../support/test-server';

const ITEMS = 2_000;
/** Every third item has a name of its own; the others all derive `file.bin`. */
const OWN_NAME_EVERY = 3;
let server: TestServer;
let harness: Harness | undefined;

useTestServer(
  (started) => (server = started),
  () => harness,
);

/**
 * A folder in memory (tmpfs) where there is one: this test is about names and the queue at scale,
 * and 2,000 downloads' flushes to a disk shared with other builds take minutes, not seconds.
 */
function memoryFolder(): string {
  return fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'pdl-many-'));
}

function itemPath(n: number): string {
  return n % OWN_NAME_EVERY === 0 ? `/tiny/item-${n}.bin` : `/tiny/file.bin?n=${n}`;
}

function allEnded(engine: Harness['engine'], ids: Set<string>): Promise<DownloadSnapshot[]> {
  const ended = new Map<string, DownloadSnapshot>();
  return new Promise((resolve) => {
    engine.on('status-changed', (snapshot) => {
      if (!ids.has(snapshot.id)) return;
      if (snapshot.status !== 'completed' && snapshot.status !== 'failed') return;
      ended.set(snapshot.id, snapshot);
      if (ended.size === ids.size) resolve([...ended.values()]);
    });
  });
}

describe('2,000 tiny queued downloads', () => {
  it('each completes into its own file with its own bytes, leaving nothing else behind', async () => {
    harness = createHarness({
      directory: memoryFolder(),
      maxConcurrentDownloads: 20,
      connectionsPerDownload: 1,
    });
    const dir = harness.engine.settings().directory;
    const bodies = new Map<string, Buffer>();
    for (let n = 0; n < ITEMS; n++) {
      const body = Buffer.from(`item ${n} `.repeat(1 + (n % 7)));
      server.setResource(itemPath(n), { body });
      bodies.set(server.url(itemPath(n)), body);
    }
    const ids = new Set<string>();
    const urlOf = new Map<string, string>();
    const adding: Promise<DownloadSnapshot>[] = [];
    for (const url of bodies.keys()) adding.push(harness.engine.add({ url }));
    for (const added of await Promise.all(adding)) {
      ids.add(added.id);
      urlOf.set(added.id, added.url);
    }
    const ended = await allEnded(harness.engine, ids);

    expect(ended.filter((d) => d.status !== 'completed').map((d) => d.error)).toEqual([]);
    const files = new Set(ended.map((d) => d.filePath!));
    expect(files.size).toBe(ITEMS);
    for (const download of ended) {
      expect(fs.readFileSync(download.filePath!)).toEqual(bodies.get(urlOf.get(download.id)!));
    }
    const left = fs.readdirSync(dir);
    expect(left.filter((name) => !files.has(path.join(dir, name)))).toEqual([]);
    expect(left).toContain('file (1332).bin');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
