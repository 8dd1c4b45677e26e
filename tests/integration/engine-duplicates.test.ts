// Adding what is already there: the engine refuses a URL queued or finished in the same folder with a
// DUPLICATE naming the existing download and file, unless the caller asks for another copy.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import { createHarness, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness | undefined;
useTestServer(
  (started) => (server = started),
  () => harness,
);

async function refusal(promise: Promise<unknown>): Promise<DownloadError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DownloadError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

describe('duplicate downloads', () => {
  it('refuses a URL already downloaded into the same folder, naming the file', async () => {
    harness = createHarness();
    server.setResource('/twice.bin', { body: makeTestBody(50_000, 1) });
    const first = await harness.download({ url: server.url('/twice.bin') });
    expect(first.status).toBe('completed');

    const err = await refusal(harness.engine.add({ url: server.url('/twice.bin') }));
    expect(err.toInfo()).toMatchObject({
      code: 'DUPLICATE',
      message: `already downloaded: ${first.filePath}`,
      duplicate: { id: first.id, filePath: first.filePath },
    });
    expect(harness.engine.list()).toHaveLength(1);
  });

  it('downloads another copy when the caller allows duplicates', async () => {
    harness = createHarness();
    server.setResource('/again.bin', { body: makeTestBody(50_000, 2) });
    await harness.download({ url: server.url('/again.bin') });
    const second = await harness.download({ url: server.url('/again.bin'), allowDuplicate: true });
    expect(second.status).toBe('completed');
    expect(second.filePath).toBe(path.join(harness.dir, 'again (1).bin'));
  });

  it('downloads again once the finished file was deleted', async () => {
    harness = createHarness();
    server.setResource('/gone.bin', { body: makeTestBody(50_000, 3) });
    const first = await harness.download({ url: server.url('/gone.bin') });
    fs.rmSync(first.filePath!);
    const second = await harness.download({ url: server.url('/gone.bin') });
    expect(second.filePath).toBe(first.filePath);
  });

  it('refuses a URL still in the queue, naming the queued download', async () => {
    harness = createHarness({ maxConcurrentDownloads: 1 });
    server.setResource('/queued.bin', { body: makeTestBody(50_000, 4) });
    const queued = await harness.engine.add({ url: server.url('/queued.bin') });
    await harness.engine.pause(queued.id);
    const err = await refusal(harness.engine.add({ url: server.url('/queued.bin') }));
    expect(err.toInfo()).toMatchObject({ code: 'DUPLICATE', duplicate: { id: queued.id } });
    expect(err.duplicate?.filePath).toBeUndefined();
  });

  it('takes a URL whose earlier download failed as a new try', async () => {
    harness = createHarness();
    const failed = await harness.download({ url: server.url('/never-there.bin') });
    expect(failed.status).toBe('failed');
    const again = await harness.engine.add({ url: server.url('/never-there.bin') });
    expect(again.id).not.toBe(failed.id);
    expect(harness.engine.list()).toHaveLength(2);
  });

  it('accepts the same URL into another folder or under another name', async () => {
    harness = createHarness();
    server.setResource('/elsewhere.bin', { body: makeTestBody(50_000, 5) });
    await harness.download({ url: server.url('/elsewhere.bin') });
    const renamed = await harness.download({ url: server.url('/elsewhere.bin'), fileName: 'copy.bin' });
    expect(renamed.filePath).toBe(path.join(harness.dir, 'copy.bin'));
    const other = path.join(harness.dir, 'other');
    const moved = await harness.download({ url: server.url('/elsewhere.bin'), directory: other });
    expect(moved.filePath).toBe(path.join(other, 'elsewhere.bin'));
  });
});
