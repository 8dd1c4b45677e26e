// One DownloadJob over a fake clock and fake workers, writing real files into `dir`: the setup the
// job tests share, with a way to wait for a status and to answer the first request.
import type { AddDownloadOptions, DownloadStatus } from '../../src-shared/download-types';
import { defaultSettings } from '../../src-main/engine/engine-settings';
import { DownloadJob } from '../../src-main/engine/job/download-job';
import { HostConnectionLimits } from '../../src-main/engine/job/host-connections';
import { FakeClock } from './fake-clock';
import { FakeTaskPool, type FakeTask } from './fake-task-pool';

export const JOB_URL = 'http://files.test/data.bin';

/** `allowance`: the connections the engine's global cap leaves this download (default: plenty). */
export function fakeJob(dir: string, options: Partial<AddDownloadOptions> = {}, allowance = 64) {
  const clock = new FakeClock();
  const pool = new FakeTaskPool();
  const statuses: DownloadStatus[] = [];
  const waiters: { status: DownloadStatus; resolve: () => void }[] = [];
  const settings = { ...defaultSettings(), directory: dir, connectionsPerDownload: 1 };
  const hostLimits = new HostConnectionLimits(clock);
  const job = new DownloadJob('j', { url: JOB_URL, ...options }, dir, clock.now(), () => settings, {
    pool,
    clock,
    timeouts: () => ({ connectMs: 1000, headersMs: 1000, idleMs: 1000 }),
    proxyEnvironment: {},
    hostLimits,
    connectionAllowance: () => allowance,
    onStatus: (changed) => {
      statuses.push(changed.status);
      for (const waiter of waiters.filter((w) => w.status === changed.status)) waiter.resolve();
    },
    onProgress: () => undefined,
    onConnectionsChanged: () => undefined,
  });
  /** Resolves once the job is in `status` (at once if it already is). */
  const reached = (status: DownloadStatus) =>
    new Promise<void>((resolve) => (job.status === status ? resolve() : waiters.push({ status, resolve })));
  return { dir, clock, pool, job, statuses, reached, hostLimits };
}

/** Answers the first request as a server with ranges for a file of `length` bytes. */
export function answerRanged(task: FakeTask, pool: FakeTaskPool, length: number): void {
  pool.headers(task, {
    status: 206,
    finalUrl: JOB_URL,
    headers: { 'content-range': `bytes 0-${length - 1}/${length}`, etag: '"v1"' },
  });
}

/** Resolves once the job took the response over as its first chunk (after its file I/O). */
export function takenOver(task: FakeTask): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (task.continued ? resolve() : void setImmediate(check));
    check();
  });
}
