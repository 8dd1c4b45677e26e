import { expect, it } from 'vitest';
import { ChunkScheduler, MEASURE_GRACE_MS } from '../../src-main/engine/plan/chunk-scheduler';

const MiB = 1024 * 1024;

// The victim's task ends (failure, pause) while a shrink is in flight; the worker's shrink-result then
// names a task the transfer no longer routes, so resolveSplit is never called for that proposal.
it('lets a chunk be split again after the task it was proposed for ended', () => {
  const scheduler = new ChunkScheduler([{ start: 0, end: 10 * MiB - 1, written: 0, crc: 0 }], MiB, 3);
  const G = MEASURE_GRACE_MS;
  scheduler.nextWork(0, 0, true);
  expect(scheduler.nextWork(1, G, true).kind).toBe('split');
  scheduler.fail(0, MiB, 0, { code: 'NETWORK', message: 'reset', retryable: true }, G, 0);
  scheduler.wake(G);
  expect(scheduler.nextWork(0, G, true).kind).toBe('start');
  expect(scheduler.nextWork(1, 2 * G, true).kind).toBe('split');
});
