// Resuming from what a paused (or killed) run left on disk: a journal that is missing, torn or
// garbage, or a part file shorter than the journal claims, is never trusted and never crashes the
// engine; a part file that is already complete is finalised without fetching the body again.
import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type ResourceSpec, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(2 * 1024 * 1024 + 9, 81);

interface Paused {
  id: string;
  snapshot: DownloadSnapshot;
  partPath: string;
  journalPath: string;
}

/** Downloads about 40% of `file` slowly, then pauses; the server log is cleared for the resume. */
async function pauseMidway(file: string, spec: Omit<ResourceSpec, 'body'> = {}): Promise<Paused> {
  server.setResource(file, { body, perConnectionRateBps: 1_000_000, ...spec });
  const added = await harness.engine.add({ url: server.url(file), connections: 4 });
  await harness.downloadedAtLeast(added.id, 0.4 * body.length);
  await harness.engine.pause(added.id);
  server.reset();
  const partPath = path.join(harness.dir, `${path.basename(file)}.part`);
  return { id: added.id, snapshot: harness.engine.get(added.id)!, partPath, journalPath: `${partPath}.json` };
}

async function resumeToEnd(id: string): Promise<DownloadSnapshot> {
  await harness.engine.resume(id);
  return harness.waitFor(
    id,
    (d) => d.status === 'completed' || d.status === 'failed' || d.status === 'paused',
  );
}

const bytesServed = () => server.requests().reduce((sum, r) => sum + r.bytesSent, 0);

describe('resuming after pause', () => {
  it('fetches only the missing bytes when journal and part file are intact', async () => {
    harness = createHarness();
    const paused = await pauseMidway('/intact.bin');
    const result = await resumeToEnd(paused.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(bytesServed()).toBeLessThan(body.length - paused.snapshot.downloadedBytes + 256 * 1024);
  });

  const validators: { what: string; file: string; spec: Omit<ResourceSpec, 'body'>; header: string }[] = [
    { what: 'the strong ETag', file: '/if-range-etag.bin', spec: {}, header: 'etag' },
    {
      what: 'Last-Modified when there is no ETag',
      file: '/if-range-date.bin',
      spec: { etag: null },
      header: 'last-modified',
    },
    {
      what: 'Last-Modified when the ETag is weak',
      file: '/if-range-weak.bin',
      spec: { etag: 'W/"weak-1"' },
      header: 'last-modified',
    },
  ];
  for (const { what, file, spec, header } of validators) {
    it(`sends If-Range with ${what} on every resumed range request`, async () => {
      harness = createHarness();
      const paused = await pauseMidway(file, spec);
      const expected = (await fetch(server.url(file), { method: 'HEAD' })).headers.get(header);
      const result = await resumeToEnd(paused.id);
      expect(result.status).toBe('completed');
      const ranged = server.requests().filter((r) => r.method === 'GET' && r.range !== 'bytes=0-');
      expect(ranged.length).toBeGreaterThan(0);
      expect(ranged.every((r) => r.ifRange === expected)).toBe(true);
    });
  }

  const damage: Record<string, (journalPath: string) => void> = {
    deleted: (file) => fs.rmSync(file),
    'truncated to half': (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)),
    'replaced with garbage': (file) => fs.writeFileSync(file, Buffer.from([0xff, 0x00, 0x7b, 0x22, 0x99])),
    'valid JSON claiming more than the file holds': (file) => {
      const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { chunks: { written: number }[] };
      journal.chunks[0]!.written += 10 * 1024 * 1024;
      fs.writeFileSync(file, JSON.stringify(journal));
    },
  };
  for (const [what, harm] of Object.entries(damage)) {
    it(`completes correctly when the journal was ${what}`, async () => {
      harness = createHarness();
      const paused = await pauseMidway(`/journal-${what.replaceAll(' ', '-')}.bin`);
      harm(paused.journalPath);
      const result = await resumeToEnd(paused.id);
      expect(result.status).toBe('completed');
      expect(sha256(result.filePath!)).toBe(sha256(body));
      // An untrusted journal costs at most a fresh start, never a loop of re-downloads.
      expect(bytesServed()).toBeLessThan(body.length + 256 * 1024);
    });
  }

  it('detects a part file shorter than the journal claims and re-fetches what was lost', async () => {
    harness = createHarness();
    const paused = await pauseMidway('/short-part.bin');
    fs.truncateSync(paused.partPath, 100_000);
    const result = await resumeToEnd(paused.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(bytesServed()).toBeLessThan(body.length + 256 * 1024);
  });

  it('finalises a part file that is already complete without downloading the body again', async () => {
    harness = createHarness();
    const paused = await pauseMidway('/all-there.bin');
    // What a kill right after the last write and journal flush, before the rename, leaves behind.
    fs.writeFileSync(paused.partPath, body);
    const journal = JSON.parse(fs.readFileSync(paused.journalPath, 'utf8')) as {
      chunks: { start: number; end: number; written: number; crc: number }[];
    };
    for (const chunk of journal.chunks) {
      chunk.written = chunk.end - chunk.start + 1;
      chunk.crc = crc32c(body.subarray(chunk.start, chunk.end + 1));
    }
    fs.writeFileSync(paused.journalPath, JSON.stringify(journal));
    const result = await resumeToEnd(paused.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(server.requests().filter((r) => r.range !== 'bytes=0-')).toEqual([]);
    expect(bytesServed()).toBeLessThan(128 * 1024);
  });
});

describe('refreshing the URL of a paused or failed download', () => {
  it('continues from the new URL when it serves the same file', async () => {
    harness = createHarness();
    const paused = await pauseMidway('/expiring.bin');
    server.setResource('/mirror.bin?sig=new', { body, perConnectionRateBps: 1_000_000 });
    await harness.engine.refreshUrl(paused.id, server.url('/mirror.bin?sig=new'));
    const result = await resumeToEnd(paused.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expect(server.requests().every((r) => r.path === '/mirror.bin?sig=new')).toBe(true);
    expect(bytesServed()).toBeLessThan(body.length - paused.snapshot.downloadedBytes + 256 * 1024);
  });

  it('fails with REMOTE_CHANGED when the new URL serves a different file', async () => {
    harness = createHarness();
    const paused = await pauseMidway('/replaced.bin');
    server.setResource('/impostor.bin', { body: makeTestBody(body.length, 82) });
    await harness.engine.refreshUrl(paused.id, server.url('/impostor.bin'));
    const result = await resumeToEnd(paused.id);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({
      code: 'REMOTE_CHANGED',
      message: 'remote file changed since the download started',
    });
    expect(fs.existsSync(path.join(harness.dir, 'replaced.bin'))).toBe(false);
  });
});
