// A run's transfer over fake workers and a fake clock: the file is `chunkCount` chunks of 1 MiB, and
// every part of the setup a test does not name is a harmless default (no host limit, no callbacks).
import type { RetryPolicy } from '../../src-main/engine/fetch/retry-policy';
import { DEFAULT_RETRY_POLICY } from '../../src-main/engine/fetch/retry-policy';
import { Transfer } from '../../src-main/engine/job/transfer';
import type { TransferSetup } from '../../src-main/engine/job/transfer-setup';
import { ChunkScheduler } from '../../src-main/engine/plan/chunk-scheduler';
import { FakeClock } from './fake-clock';
import { FakeTaskPool } from './fake-task-pool';

export const MIB = 1024 * 1024;
export const TRANSFER_URL = 'http://files.test/f.bin';
export const TEST_TIMEOUTS = { connectMs: 1000, headersMs: 1000, idleMs: 1000 };

export interface FakeTransferOptions {
  chunkCount: number;
  connections: number;
  /** Retries per chunk, for the scheduler; the policy's other rules come from `retry`. */
  maxRetries: number;
  retry?: RetryPolicy;
  /** The clock the test built other things on (host limits); a new one otherwise. */
  clock?: FakeClock;
  /** Parts of the transfer's setup the test cares about. */
  setup?: Partial<Pick<TransferSetup, 'url' | 'hostLimit' | 'onRefused' | 'onRetry'>>;
}

export function fakeTransfer(options: FakeTransferOptions) {
  const { chunkCount, connections } = options;
  const clock = options.clock ?? new FakeClock();
  const pool = new FakeTaskPool();
  const ranges = Array.from({ length: chunkCount }, (_, i) => ({
    start: i * MIB,
    end: (i + 1) * MIB - 1,
    written: 0,
    crc: 0,
  }));
  const scheduler = new ChunkScheduler(ranges, 64 * 1024, options.maxRetries);
  const url = options.setup?.url ?? TRANSFER_URL;
  const transfer = new Transfer({
    downloadId: 'd',
    url,
    fd: -1,
    rangeSupported: true,
    expect: { totalBytes: chunkCount * MIB },
    connections,
    timeouts: TEST_TIMEOUTS,
    extraHeaders: {},
    credentialsOrigin: new URL(url).origin,
    scheduler,
    pool,
    clock,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    hostLimit: () => undefined,
    onRefused: () => undefined,
    onProgress: () => undefined,
    onRetry: () => undefined,
    ...options.setup,
  });
  return { clock, pool, scheduler, transfer };
}
