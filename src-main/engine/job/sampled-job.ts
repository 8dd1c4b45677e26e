// How the progress sampler sees a download: its bytes are measured only while a run exists.
import type { Sampled } from '../progress/progress-sampler';
import type { DownloadJob } from './download-job';
import { RUNNING_STATUSES } from './job-status';

export function sampledJob(job: DownloadJob): Sampled {
  return {
    id: job.id,
    // Before a run exists there is nothing to measure; its restored bytes are not new ones.
    sample: (now: number) => {
      const scheduler = job.scheduler;
      if (scheduler) job.meter.record(now, scheduler.downloadedBytes());
    },
    snapshot: (now: number) => job.snapshot(now),
    isMoving: () => RUNNING_STATUSES.has(job.status),
  };
}
