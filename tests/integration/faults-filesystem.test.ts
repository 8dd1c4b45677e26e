// File-system hazards: a symbolic link planted at the part or final path is never followed, and a
// folder that cannot be written pauses the download with the path in the error, keeping its data.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, sha256, tempDir, type Harness } from '../support/engine-harness';
import { makeTestBody, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;
let outside = '';

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await harness?.close();
  if (outside) fs.rmSync(outside, { recursive: true, force: true });
  outside = '';
});

const body = makeTestBody(2 * 1024 * 1024 + 13, 91);
const PRECIOUS = 'precious, not to be overwritten';

/** A file outside the download folder, and a symbolic link to it planted at `linkPath`. */
function plantLink(linkPath: string): string {
  outside = tempDir('pdl-outside-');
  const victim = path.join(outside, 'victim.txt');
  fs.writeFileSync(victim, PRECIOUS);
  fs.symlinkSync(victim, linkPath);
  return victim;
}

function expectUntouched(victim: string, linkPath: string): void {
  expect(fs.readFileSync(victim, 'utf8')).toBe(PRECIOUS);
  expect(fs.lstatSync(linkPath).isSymbolicLink()).toBe(true);
  expect(fs.readlinkSync(linkPath)).toBe(victim);
}

const settled = (id: string) =>
  harness.waitFor(id, (d) => d.status === 'completed' || d.status === 'failed' || d.status === 'paused');

async function pauseMidway(file: string, directory?: string): Promise<DownloadSnapshot> {
  server.setResource(file, { body, perConnectionRateBps: 1_000_000 });
  const added = await harness.engine.add({
    url: server.url(file),
    connections: 4,
    ...(directory ? { directory } : {}),
  });
  await harness.downloadedAtLeast(added.id, 0.4 * body.length);
  await harness.engine.pause(added.id);
  server.reset();
  return harness.engine.get(added.id)!;
}

describe('symbolic links at the download paths', () => {
  it('never follows a link planted at the final path before the download', async () => {
    harness = createHarness();
    const linkPath = path.join(harness.dir, 'final-link.bin');
    const victim = plantLink(linkPath);
    server.setResource('/final-link.bin', { body });
    const result = await harness.download({ url: server.url('/final-link.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(result.filePath).not.toBe(linkPath);
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expectUntouched(victim, linkPath);
  });

  it('never follows a link planted at the part path before the download', async () => {
    harness = createHarness();
    const linkPath = path.join(harness.dir, 'part-link.bin.part');
    const victim = plantLink(linkPath);
    server.setResource('/part-link.bin', { body });
    const result = await harness.download({ url: server.url('/part-link.bin'), connections: 4 });
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expectUntouched(victim, linkPath);
  });

  it('pauses, naming the path, when a link is swapped in for the part file while paused', async () => {
    harness = createHarness();
    const paused = await pauseMidway('/swapped-part.bin');
    const linkPath = path.join(harness.dir, 'swapped-part.bin.part');
    fs.rmSync(linkPath);
    const victim = plantLink(linkPath);
    await harness.engine.resume(paused.id);
    const result = await settled(paused.id);
    expectUntouched(victim, linkPath);
    expect(result.status).toBe('paused');
    expect(result.error).toMatchObject({ code: 'FILE_SYSTEM' });
    expect(result.error!.message).toBe(`cannot open ${linkPath}: a symbolic link is in the way`);
  });

  it('never follows a link planted at the final path while paused', async () => {
    harness = createHarness();
    const paused = await pauseMidway('/swapped-final.bin');
    const linkPath = path.join(harness.dir, 'swapped-final.bin');
    const victim = plantLink(linkPath);
    await harness.engine.resume(paused.id);
    const result = await settled(paused.id);
    expect(result.status).toBe('completed');
    expect(result.filePath).toBe(path.join(harness.dir, 'swapped-final (1).bin'));
    expect(sha256(result.filePath!)).toBe(sha256(body));
    expectUntouched(victim, linkPath);
  });
});

describe('folders that cannot be written', () => {
  it('pauses with an error naming the folder when it cannot be created', async () => {
    harness = createHarness();
    outside = tempDir('pdl-outside-');
    const blocker = path.join(outside, 'not-a-folder');
    fs.writeFileSync(blocker, 'a regular file where a folder should be');
    const directory = path.join(blocker, 'sub');
    server.setResource('/blocked.bin', { body });
    const result = await harness.download({ url: server.url('/blocked.bin'), directory });
    expect(result.status).toBe('paused');
    expect(result.error).toMatchObject({ code: 'FILE_SYSTEM', retryable: false });
    expect(result.error!.message).toContain(directory);
    expect(server.requests().filter((r) => r.path === '/blocked.bin')).toEqual([]);
  });

  it('keeps the data when the folder vanishes while paused, and completes once it is back', async () => {
    harness = createHarness();
    outside = tempDir('pdl-outside-');
    const mount = path.join(outside, 'mnt');
    const directory = path.join(mount, 'inbox');
    const paused = await pauseMidway('/vanishing.bin', directory);
    // An unmounted drive: the folder is gone and its parent is no longer a folder.
    fs.renameSync(mount, `${mount}-away`);
    fs.writeFileSync(mount, '');
    await harness.engine.resume(paused.id);
    const stuck = await settled(paused.id);
    expect(stuck.status).toBe('paused');
    expect(stuck.error).toMatchObject({ code: 'FILE_SYSTEM' });
    expect(stuck.error!.message).toContain(directory);
    fs.rmSync(mount);
    fs.renameSync(`${mount}-away`, mount);
    server.reset();
    await harness.engine.resume(paused.id);
    const result = await settled(paused.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
    const served = server.requests().reduce((sum, r) => sum + r.bytesSent, 0);
    expect(served).toBeLessThan(body.length - paused.downloadedBytes + 256 * 1024);
  });

  it('pauses with the path in the error when the folder vanishes mid-download, and completes once it is back', async () => {
    harness = createHarness();
    outside = tempDir('pdl-outside-');
    const mount = path.join(outside, 'mnt');
    const directory = path.join(mount, 'inbox');
    server.setResource('/pulled.bin', { body, perConnectionRateBps: 1_000_000 });
    const added = await harness.engine.add({ url: server.url('/pulled.bin'), connections: 4, directory });
    await harness.downloadedAtLeast(added.id, 0.4 * body.length);
    fs.renameSync(mount, `${mount}-away`);
    fs.writeFileSync(mount, '');
    const stuck = await settled(added.id);
    expect(stuck.status).toBe('paused');
    expect(stuck.error).toMatchObject({ code: 'FILE_SYSTEM' });
    expect(stuck.error!.message).toContain(directory);
    fs.rmSync(mount);
    fs.renameSync(`${mount}-away`, mount);
    await harness.engine.resume(added.id);
    const result = await settled(added.id);
    expect(result.status).toBe('completed');
    expect(sha256(result.filePath!)).toBe(sha256(body));
  });
});
