// What a transfer is given for one run, what it ends with, and the request it sends for a chunk.
import type { ErrorInfo, RetryRecord } from '../../../src-shared/download-types';
import type { Clock } from '../clock';
import type { RetryPolicy } from '../fetch/retry-policy';
import type { TaskPool, TaskRequest } from '../fetch/worker-pool';
import type { ConnectionTimeouts, RangeExpectation } from '../fetch/worker-protocol';
import type { ChunkScheduler, ChunkState } from '../plan/chunk-scheduler';

export type TransferOutcome =
  | { kind: 'complete' }
  | { kind: 'stopped' }
  | { kind: 'range-unsupported' }
  | { kind: 'failed'; error: ErrorInfo };

export interface TransferSetup {
  downloadId: string;
  url: string;
  fd: number;
  rangeSupported: boolean;
  expect: RangeExpectation;
  ifRange?: string;
  connections: number;
  /** For a body of unknown length: the most bytes it may bring (FILE_TOO_LARGE past them). */
  maxBodyBytes?: number;
  timeouts: ConnectionTimeouts;
  extraHeaders: Record<string, string>;
  proxy?: string;
  /** Origin the caller's Authorization and Cookie were given for; other origins never get them. */
  credentialsOrigin: string;
  scheduler: ChunkScheduler;
  pool: TaskPool;
  clock: Clock;
  retry: RetryPolicy;
  /** What the host is believed to allow now (it recovers over time); undefined = no limit. */
  hostLimit: () => number | undefined;
  /** The host refused one more connection while `working` were transferring. */
  onRefused: (working: number) => void;
  onProgress: () => void;
  onRetry: (record: RetryRecord) => void;
}

/** Names a download's connection: each keeps one keep-alive socket in the workers. */
export function connectionKeyOf(downloadId: string, index: number): string {
  return `${downloadId}:${index}`;
}

/** A ranged request for the rest of `chunk`, or a whole-body request when ranges are not used. */
export function chunkRequest(setup: TransferSetup, connectionKey: string, chunk: ChunkState): TaskRequest {
  const base = {
    connectionKey,
    url: setup.url,
    timeouts: setup.timeouts,
    extraHeaders: setup.extraHeaders,
    ...(setup.proxy ? { proxy: setup.proxy } : {}),
    credentialsOrigin: setup.credentialsOrigin,
    fd: setup.fd,
  };
  if (!setup.rangeSupported) {
    return {
      ...base,
      type: 'stream',
      ...(Number.isFinite(chunk.end) ? { end: chunk.end } : {}),
      ...(setup.maxBodyBytes === undefined ? {} : { maxBytes: setup.maxBodyBytes }),
    };
  }
  return {
    ...base,
    type: 'range',
    start: chunk.start,
    position: chunk.position,
    end: chunk.end,
    crc: chunk.crc,
    expect: setup.expect,
    ...(setup.ifRange ? { ifRange: setup.ifRange } : {}),
  };
}
