import { afterEach, describe, expect, it, vi } from 'vitest';
import { bounded } from '../../src-main/engine/storage/bounded-fs';
import { fileSystemError } from '../../src-main/engine/storage/fs-errors';

afterEach(() => {
  vi.useRealTimers();
});

describe('a bounded folder operation', () => {
  it('gives up on an operation that never answers, with an error naming the folder', async () => {
    vi.useFakeTimers();
    const hung = bounded(new Promise<void>(() => undefined), 15_000);
    const failure = hung.catch((err: unknown) =>
      fileSystemError(err, '/mnt/gone', 'use the download folder'),
    );
    vi.advanceTimersByTime(15_000);
    const error = await failure;
    expect(error).toMatchObject({ code: 'FILE_SYSTEM' });
    expect(error!.message).toMatch(/\/mnt\/gone: the folder did not answer in time/);
  });

  it('passes an answer or a failure through unchanged', async () => {
    await expect(bounded(Promise.resolve(7))).resolves.toBe(7);
    const denied = Object.assign(new Error('denied'), { code: 'EACCES' });
    await expect(bounded(Promise.reject(denied))).rejects.toBe(denied);
  });
});
