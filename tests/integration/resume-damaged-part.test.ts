// A part file damaged while the download was paused is never finalised as good: the resume checks
// every journaled range against its CRC-32C and fetches again only the chunk that no longer matches.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_VERSION, type JournalData } from '../../src-main/engine/storage/journal';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(4 * 1024 * 1024 + 11, 93);
const DAMAGE = 4096;

function zeroAt(file: string, position: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(DAMAGE), 0, DAMAGE, position);
  fs.closeSync(fd);
}

describe('resuming a part file damaged while paused', () => {
  it('fetches the damaged chunk again, and only it, and completes with the right bytes', async () => {
    harness = createHarness();
    server.setResource('/damaged.bin', { body, perConnectionRateBps: 1_000_000 });
    const added = await harness.engine.add({ url: server.url('/damaged.bin'), connections: 4 });
    await harness.downloadedAtLeast(added.id, 0.5 * body.length);
    await harness.engine.pause(added.id);
    const partPath = path.join(harness.dir, 'damaged.bin.part');
    const journal = JSON.parse(fs.readFileSync(`${partPath}.json`, 'utf8')) as JournalData;
    expect(journal.version).toBe(JOURNAL_VERSION);
    const done = journal.chunks.filter((c) => c.written >= 2 * DAMAGE);
    const victim = done[Math.floor(done.length / 2)]!;
    zeroAt(partPath, victim.start + Math.floor(victim.written / 2));
    const remaining = body.length - journal.chunks.reduce((sum, c) => sum + c.written, 0);
    server.reset();

    await harness.engine.resume(added.id);
    const result = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');

    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const served = server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
    expect(served).toBeGreaterThanOrEqual(remaining + victim.written);
    expect(served).toBeLessThan(remaining + victim.written + 128 * 1024);
    expect(server.requests().some((r) => r.range?.startsWith(`bytes=${victim.start}-`))).toBe(true);
  });

  it('fetches nothing again when the part file is intact', async () => {
    harness = createHarness();
    server.setResource('/intact.bin', { body, perConnectionRateBps: 1_000_000 });
    const added = await harness.engine.add({ url: server.url('/intact.bin'), connections: 4 });
    await harness.downloadedAtLeast(added.id, 0.5 * body.length);
    await harness.engine.pause(added.id);
    const journalPath = path.join(harness.dir, 'intact.bin.part.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as JournalData;
    const remaining = body.length - journal.chunks.reduce((sum, c) => sum + c.written, 0);
    server.reset();

    await harness.engine.resume(added.id);
    const result = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');

    expect(sha256(result.filePath!)).toBe(sha256(body));
    const served = server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
    expect(served).toBeLessThan(remaining + 128 * 1024);
  });
});
