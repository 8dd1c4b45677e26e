// One download never fills a disk: a known size that cannot fit is refused before a byte is written,
// a body of unknown length stops while the folder still has its margin free, and a resumed download
// needs room only for its missing bytes. Real small tmpfs mounts (the suite runs as root).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sha256, type Harness } from '../support/engine-harness';
import { mountSmallTmpfs, type SmallTmpfs } from '../support/small-tmpfs';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';
import { RESERVE_BYTES, UNKNOWN_SIZE_MARGIN } from '../../src-main/engine/storage/free-space';

const MiB = 1024 * 1024;
let server: TestServer;
let harness: Harness | undefined;
let small: SmallTmpfs;
let medium: SmallTmpfs;

beforeAll(async () => {
  server = await startTestServer();
  small = mountSmallTmpfs(8, 'pdl-space-small-');
  // Large enough that the margin for unknown lengths (at least 16 MiB) leaves room to write.
  medium = mountSmallTmpfs(48, 'pdl-space-medium-');
});
afterAll(async () => {
  await server.close();
  small.unmount();
  medium.unmount();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  small.empty();
  medium.empty();
});

function bytesServed(file: string): number {
  return server.requests().reduce((sum, r) => (r.path === file ? sum + r.bytesSent : sum), 0);
}

describe('free space before a download starts', () => {
  it('refuses a known size larger than the folder at once, with both sizes, writing nothing', async () => {
    harness = createHarness({ directory: small.path });
    const body = makeTestBody(64 * MiB, 1);
    server.setResource('/too-big.bin', { body });
    server.reset();
    const result = await harness.download({ url: server.url('/too-big.bin') });
    expect(result.status).toBe('paused');
    expect(result.error?.code).toBe('NOT_ENOUGH_SPACE');
    expect(result.error?.space).toMatchObject({ directory: small.path, neededBytes: 64 * MiB });
    expect(result.error?.space?.availableBytes).toBeLessThanOrEqual(8 * MiB);
    expect(result.error?.message).toContain(small.path);
    expect(result.error?.message).toMatch(/64\.0 MiB still to write.*free/);
    expect(fs.readdirSync(small.path)).toEqual([]);
    // One request, abandoned after its headers: the server got no further than its socket buffers.
    expect(server.requests()).toHaveLength(1);
    expect(bytesServed('/too-big.bin')).toBeLessThan(body.length / 4);
  });

  it('lets a paused download resume when the folder holds its missing bytes, though not the whole file', async () => {
    harness = createHarness({ directory: small.path });
    const body = makeTestBody(6 * MiB, 2);
    server.setResource('/resume.bin', { body, perConnectionRateBps: 1_000_000 });
    const added = await harness.engine.add({ url: server.url('/resume.bin'), connections: 2 });
    await harness.downloadedAtLeast(added.id, 4 * MiB);
    await harness.engine.pause(added.id);
    const paused = harness.engine.get(added.id)!;
    expect(paused.status).toBe('paused');
    // Leave 3.5 MiB free: enough for the missing bytes and the reserve, not for the file again.
    const missing = body.length - paused.downloadedBytes;
    fs.writeFileSync(
      path.join(small.path, 'filler'),
      Buffer.alloc(Math.max(0, small.freeBytes() - 3.5 * MiB)),
    );
    expect(small.freeBytes()).toBeLessThan(body.length);

    server.setResource('/fresh.bin', { body: makeTestBody(6 * MiB, 3) });
    const fresh = await harness.download({ url: server.url('/fresh.bin') });
    expect(fresh.error?.code).toBe('NOT_ENOUGH_SPACE');

    server.reset();
    await harness.engine.resume(added.id);
    const done = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'paused');
    expect(done.error).toBeUndefined();
    expect(done.status).toBe('completed');
    expect(sha256(done.filePath!)).toBe(sha256(body));
    expect(bytesServed('/resume.bin')).toBeLessThan(missing + 512 * 1024);
  });
});

describe('a body of unknown length', () => {
  it('stops an endless stream with the margin still free, keeping what it wrote', async () => {
    harness = createHarness({ directory: medium.path });
    const body = makeTestBody(80 * MiB, 4);
    server.setResource('/endless.bin', { body, unknownLength: true });
    const freeBefore = medium.freeBytes();
    server.reset();
    const result = await harness.download({ url: server.url('/endless.bin') });
    expect(server.requests()).toHaveLength(1);
    expect(result.status).toBe('paused');
    expect(result.error?.code).toBe('NOT_ENOUGH_SPACE');
    const margin = UNKNOWN_SIZE_MARGIN.minBytes;
    expect(result.error?.space).toMatchObject({ directory: medium.path, keepFreeBytes: margin });
    expect(result.error?.space?.neededBytes).toBeUndefined();
    expect(result.error?.message).toMatch(/did not say how large/);
    // The stream is cut one byte past the room above the margin and the reserve for the journal:
    // the margin itself stays free.
    expect(medium.freeBytes()).toBeGreaterThanOrEqual(margin);
    const room = freeBefore - margin - RESERVE_BYTES;
    expect(fs.statSync(path.join(medium.path, 'endless.bin.part')).size).toBe(room + 1);
  });

  it('stops at the margin when another program takes the space while it streams', async () => {
    harness = createHarness({ directory: medium.path });
    const body = makeTestBody(40 * MiB, 5);
    server.setResource('/shared.bin', { body, unknownLength: true, perConnectionRateBps: 4_000_000 });
    const added = await harness.engine.add({ url: server.url('/shared.bin') });
    await harness.downloadedAtLeast(added.id, MiB);
    const margin = UNKNOWN_SIZE_MARGIN.minBytes;
    fs.writeFileSync(path.join(medium.path, 'filler'), Buffer.alloc(medium.freeBytes() - margin - MiB / 2));
    const stopped = await harness.waitFor(added.id, (d) => d.status === 'paused' || d.status === 'failed');
    expect(stopped.error?.code).toBe('NOT_ENOUGH_SPACE');
    // Stopped by the periodic check, long before the disk itself was full.
    expect(medium.freeBytes()).toBeGreaterThan(margin / 2);
    expect(fs.existsSync(path.join(medium.path, 'shared.bin.part'))).toBe(true);
  });
});

describe('the size cap', () => {
  it('fails a known size over the cap before reserving a name or writing a byte', async () => {
    harness = createHarness({ maxFileSizeBytes: MiB });
    server.setResource('/capped.bin', { body: makeTestBody(3 * MiB, 6) });
    const result = await harness.download({ url: server.url('/capped.bin') });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('FILE_TOO_LARGE');
    expect(result.error?.sizeCap).toEqual({ capBytes: MiB, fileBytes: 3 * MiB });
    expect(result.error?.message).toBe('the file is 3.0 MiB, larger than the size limit of 1.0 MiB');
    expect(fs.readdirSync(harness.dir)).toEqual([]);
  });

  it('stops a body of unknown length at the cap, writing nothing past it', async () => {
    harness = createHarness({ maxFileSizeBytes: MiB });
    server.setResource('/stream.bin', { body: makeTestBody(8 * MiB, 7), unknownLength: true });
    server.reset();
    const result = await harness.download({ url: server.url('/stream.bin') });
    // One request, cut at the cap and not tried again.
    expect(server.requests()).toHaveLength(1);
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('FILE_TOO_LARGE');
    expect(result.error?.sizeCap).toEqual({ capBytes: MiB });
    expect(fs.statSync(path.join(harness.dir, 'stream.bin.part')).size).toBeLessThanOrEqual(MiB + 1);
    expect(fs.existsSync(path.join(harness.dir, 'stream.bin'))).toBe(false);
  });

  it('completes a body of unknown length exactly at the cap', async () => {
    harness = createHarness({ maxFileSizeBytes: MiB });
    const body = makeTestBody(MiB, 8);
    server.setResource('/exact.bin', { body, unknownLength: true });
    const result = await harness.download({ url: server.url('/exact.bin') });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
  });

  it("lets a download's own cap replace the settings' one (0 = none)", async () => {
    harness = createHarness({ maxFileSizeBytes: MiB });
    const body = makeTestBody(2 * MiB, 9);
    server.setResource('/own-cap.bin', { body });
    const result = await harness.download({ url: server.url('/own-cap.bin'), maxFileSizeBytes: 0 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
  });
});
