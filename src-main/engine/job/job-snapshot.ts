// Builds the plain DownloadSnapshot that crosses to the CLI and the UI from a job's live state.
import type {
  AddDownloadOptions,
  DownloadNotice,
  ChunkSnapshot,
  DownloadSnapshot,
  DownloadStatus,
  ErrorInfo,
  IntegrityResult,
  RetryRecord,
  RetryWait,
} from '../../../src-shared/download-types';
import type { ChunkScheduler } from '../plan/chunk-scheduler';
import type { SpeedMeter } from '../progress/speed-meter';
import type { RemoteFile } from '../storage/job-storage';
import type { DownloadPaths } from '../storage/part-file';
import { averageSpeedOf, chunkSnapshotsOf, type RecordedProgress } from './recorded-progress';

export interface JobView {
  readonly id: string;
  readonly options: AddDownloadOptions;
  readonly directory: string;
  readonly createdAt: number;
  readonly status: DownloadStatus;
  readonly error?: ErrorInfo;
  readonly notice?: DownloadNotice | undefined;
  readonly remote?: RemoteFile;
  readonly storage?: { paths: DownloadPaths; fileName: string };
  readonly filePath?: string;
  readonly completedAt?: number;
  readonly scheduler?: ChunkScheduler;
  readonly connections: number;
  readonly retries: readonly RetryRecord[];
  readonly integrity: readonly IntegrityResult[];
  readonly meter: SpeedMeter;
  /** What the download's host is believed to allow, when it is limited. */
  readonly hostConnectionLimit?: number | undefined;
  /** While the first request waits to be sent again. */
  readonly probeRetryWait?: RetryWait | undefined;
  progress(now: number): RecordedProgress | undefined;
}

const MOVING: ReadonlySet<DownloadStatus> = new Set(['probing', 'downloading']);

/** When no chunk is transferring and some wait to be tried again: the first of them, and why. */
function chunksRetryWait(chunks: readonly ChunkSnapshot[]): RetryWait | undefined {
  let first: RetryWait | undefined;
  for (const chunk of chunks) {
    if (chunk.status === 'active') return undefined;
    const { nextAttemptAt, lastError } = chunk;
    if (chunk.status !== 'retry-wait' || nextAttemptAt === undefined || lastError === undefined) continue;
    if (first === undefined || nextAttemptAt < first.nextAttemptAt)
      first = { nextAttemptAt, error: lastError };
  }
  return first;
}

export function snapshotJob(job: JobView, now: number): DownloadSnapshot {
  // Before this process ran the download, what an earlier one recorded stands in for the run.
  const recorded = job.scheduler ? undefined : job.progress(now);
  const downloadedBytes = job.scheduler?.downloadedBytes() ?? recorded?.downloadedBytes ?? 0;
  const speedBps = MOVING.has(job.status) ? job.meter.bytesPerSecond(now) : 0;
  const totalBytes = job.remote ? job.remote.totalBytes : recorded?.totalBytes;
  const snapshot: DownloadSnapshot = {
    id: job.id,
    url: job.options.url,
    directory: job.directory,
    status: job.status,
    downloadedBytes,
    speedBps,
    connections: MOVING.has(job.status) ? job.connections : 0,
    chunks: job.scheduler?.snapshot(now) ?? (recorded ? chunkSnapshotsOf(recorded) : []),
    retries: [...job.retries],
    integrity: [...job.integrity],
    createdAt: job.createdAt,
  };
  if (job.remote) {
    snapshot.finalUrl = job.remote.finalUrl;
    snapshot.rangeSupported = job.remote.rangeSupported;
  } else if (recorded) {
    if (recorded.finalUrl !== undefined) snapshot.finalUrl = recorded.finalUrl;
    if (recorded.rangeSupported !== undefined) snapshot.rangeSupported = recorded.rangeSupported;
  }
  if (totalBytes !== undefined) snapshot.totalBytes = totalBytes;
  if (job.storage) snapshot.fileName = job.storage.fileName;
  else if (job.options.fileName) snapshot.fileName = job.options.fileName;
  const filePath = job.filePath ?? job.storage?.paths.finalPath;
  if (filePath) snapshot.filePath = filePath;
  if (totalBytes !== undefined && speedBps > 0)
    snapshot.etaSeconds = Math.ceil((totalBytes - downloadedBytes) / speedBps);
  if (job.error) snapshot.error = job.error;
  if (job.notice) snapshot.notice = job.notice;
  if (job.completedAt !== undefined) snapshot.completedAt = job.completedAt;
  if (job.status === 'completed') {
    const average = averageSpeedOf(job.progress(now));
    if (average !== undefined) snapshot.averageSpeedBps = average;
  }
  const hostLimit = job.hostConnectionLimit;
  if (hostLimit !== undefined && job.remote?.rangeSupported) snapshot.hostConnectionLimit = hostLimit;
  if (job.options.maxBytesPerSecond) snapshot.maxBytesPerSecond = job.options.maxBytesPerSecond;
  const retryWait =
    job.status === 'probing'
      ? job.probeRetryWait
      : job.status === 'downloading'
        ? chunksRetryWait(snapshot.chunks)
        : undefined;
  if (retryWait) snapshot.retryWait = retryWait;
  return snapshot;
}
