// Plain data shared by the engine, the CLI, the headless server and the renderer. No platform imports.

export type DownloadStatus =
  'queued' | 'probing' | 'downloading' | 'paused' | 'verifying' | 'completed' | 'failed' | 'cancelled';

export type ChunkStatus = 'pending' | 'active' | 'retry-wait' | 'done' | 'failed';

export type ErrorCode =
  | 'INVALID_URL'
  | 'INVALID_INPUT'
  | 'HTTP_STATUS'
  | 'RANGE_UNSUPPORTED'
  | 'CONTENT_RANGE_MISMATCH'
  | 'REMOTE_CHANGED'
  | 'NETWORK'
  | 'PROTOCOL_ERROR'
  | 'TIMEOUT'
  | 'TOO_MANY_REDIRECTS'
  | 'DISK_FULL'
  /** The folder's free space cannot hold what is left to write (checked before writing). */
  | 'NOT_ENOUGH_SPACE'
  /** The file is larger than the size cap of the download or the settings. */
  | 'FILE_TOO_LARGE'
  | 'FILE_SYSTEM'
  | 'INTEGRITY_MISMATCH'
  | 'JOURNAL_INVALID'
  | 'ABORTED'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'INTERNAL'
  /** No connection to the server could be made (refused, unreachable, or no answer to connect). */
  | 'UNREACHABLE'
  /** A download folder the user never chose (API callers pick among the chosen ones). */
  | 'DIRECTORY_NOT_ALLOWED'
  /** The action needs the user's explicit yes first (opening an executable file). */
  | 'CONFIRMATION_REQUIRED'
  /** The file system refused the download's file name as too long; the folder is fine. */
  | 'NAME_TOO_LONG';

/** An error as it crosses thread, process and IPC boundaries. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /** HTTP status when the error came from a response. */
  status?: number;
  /** Of a DUPLICATE: the download already in the queue, and its file when it is already on disk. */
  duplicate?: DuplicateInfo;
  /** Of NOT_ENOUGH_SPACE: what the folder lacked. */
  space?: SpaceShortage;
  /** Of FILE_TOO_LARGE: the cap and the file's size. */
  sizeCap?: SizeCapExceeded;
}

export interface SpaceShortage {
  directory: string;
  /** Bytes still to write; absent for a body of unknown length. */
  neededBytes?: number;
  /** Free bytes the folder's file system had when checked. */
  availableBytes: number;
  /** Bytes left free on purpose: a small reserve, or the margin kept under a body of unknown length. */
  keepFreeBytes: number;
}

export interface SizeCapExceeded {
  capBytes: number;
  /** The file's size when the server said it; absent when the body simply ran past the cap. */
  fileBytes?: number;
}

export interface DuplicateInfo {
  id: string;
  filePath?: string;
}

export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512' | 'crc32c';

/** Length of each algorithm's digest in hex digits. */
export const DIGEST_HEX_LENGTH: Readonly<Record<DigestAlgorithm, number>> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha512: 128,
  crc32c: 8,
};

export type IntegrityStatus = 'verified' | 'mismatch' | 'computed';

export interface IntegrityResult {
  algorithm: DigestAlgorithm;
  /** Lower-case hex of the expected value, absent when there is no reference. */
  expected?: string;
  /** Where the expected value came from: 'user', or the header name. */
  source?: string;
  actual: string;
  status: IntegrityStatus;
}

/** One attempt of one chunk (the first request is chunk 0's) that failed and will be (or was) retried. */
export interface ChunkRetryRecord {
  /** Absent on records made before whole-file records existed; they are all chunk records. */
  kind?: 'chunk';
  chunkId: number;
  attempt: number;
  at: number;
  error: ErrorInfo;
  /** When the next attempt starts (epoch ms), absent if it is not retried. */
  nextAttemptAt?: number;
}

/**
 * A failure of the whole file rather than of one request: a checksum mismatch, or a server that
 * stopped honouring ranges. Either way the file is fetched again from its first byte.
 */
export interface FileRetryRecord {
  kind: 'file';
  at: number;
  error: ErrorInfo;
}

export type RetryRecord = ChunkRetryRecord | FileRetryRecord;

export function isChunkRetry(record: RetryRecord): record is ChunkRetryRecord {
  return record.kind !== 'file';
}

export interface ChunkSnapshot {
  id: number;
  /** Inclusive byte range. */
  start: number;
  end: number;
  /** Bytes of this range written to the part file. */
  written: number;
  status: ChunkStatus;
  speedBps: number;
  attempts: number;
  lastError?: ErrorInfo;
  nextAttemptAt?: number;
}

export interface DownloadSnapshot {
  id: string;
  url: string;
  finalUrl?: string;
  fileName?: string;
  directory: string;
  /** Absolute path of the finished file (or where it will be). */
  filePath?: string;
  status: DownloadStatus;
  /** Total size in bytes, undefined while unknown. */
  totalBytes?: number;
  downloadedBytes: number;
  speedBps: number;
  etaSeconds?: number;
  rangeSupported?: boolean;
  connections: number;
  chunks: ChunkSnapshot[];
  retries: RetryRecord[];
  integrity: IntegrityResult[];
  error?: ErrorInfo;
  createdAt: number;
  completedAt?: number;
  /** Of a completed download: its bytes over the time spent fetching and verifying them. */
  averageSpeedBps?: number;
  /** The connections the server is believed to allow; absent when it is not limited. */
  hostConnectionLimit?: number;
  /** The download's own speed cap as it was asked for (bytes per second), absent when none. */
  maxBytesPerSecond?: number;
  /** Something the current run did that the user should know, though nothing failed. */
  notice?: DownloadNotice;
  /**
   * While no request of a running download is in flight and one will be sent again: when (epoch ms)
   * and after which failure. Clients count down to it on their own clock.
   */
  retryWait?: RetryWait;
}

/** Not an error: the download goes on, but not as the user would assume. */
export interface DownloadNotice {
  /** RESTARTED_FROM_ZERO: the bytes held could not be continued (no ranges any more). */
  code: 'RESTARTED_FROM_ZERO';
  message: string;
  /** Bytes downloaded earlier that were thrown away. */
  discardedBytes: number;
}

export interface RetryWait {
  nextAttemptAt: number;
  error: ErrorInfo;
}

export interface ExpectedChecksum {
  algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  hex: string;
}

export interface AddDownloadOptions {
  url: string;
  directory?: string;
  fileName?: string;
  connections?: number;
  chunkSizeBytes?: number;
  /** This download's proxy (http, https, socks5, socks5h), used instead of the settings and environment. */
  proxy?: string;
  checksums?: ExpectedChecksum[];
  /** Discard bytes of an earlier, unfinished run of the same URL instead of continuing them. */
  restart?: boolean;
  /** Add even when the same URL is already in the queue for the same folder. */
  allowDuplicate?: boolean;
  /** Extra request headers (Cookie, Authorization, Referer, …) sent on every request of this download. */
  headers?: Record<string, string>;
  /** This download's own speed cap in bytes per second; 0 or absent = only the global limit. */
  maxBytesPerSecond?: number;
  /** This download's size cap in bytes, instead of the settings' `maxFileSizeBytes`; 0 = no cap. */
  maxFileSizeBytes?: number;
}

export interface EngineSettings {
  directory: string;
  maxConcurrentDownloads: number;
  connectionsPerDownload: number;
  /** 0 = automatic (size / connections). */
  chunkSizeBytes: number;
  minSplitBytes: number;
  maxConnectionsTotal: number;
  maxRetries: number;
  /** 0 = unlimited. */
  speedLimitBps: number;
  /** The largest file a download may write; 0 = no cap. */
  maxFileSizeBytes: number;
  /** The proxy for every download ('' = none: the *_PROXY environment variables apply). */
  proxy: string;
  /** Hosts reached without the proxy, curl's NO_PROXY syntax (`*` also ignores the environment). */
  noProxy: string;
  /** Seconds without a byte from the server (headers or body) before an attempt fails (aria2c's --timeout). */
  timeoutSeconds: number;
  /** Seconds to set up a connection, TCP and TLS (aria2c's --connect-timeout). */
  connectTimeoutSeconds: number;
  /**
   * Seconds to keep trying a server that cannot be reached (refused, unreachable) before the download
   * fails; those attempts do not count against `maxRetries`. 0 = only the ordinary retries.
   */
  waitForServerSeconds: number;
  /** "HH:MM" local time when queued downloads start; empty or absent = whenever added. */
  queueStartAt?: string;
  /** "HH:MM" local time when running downloads stop until the next start; empty or absent = never. */
  queueStopAt?: string;
}

/**
 * One download's change since the previous batch: every scalar field, but only the chunks that
 * changed and the retry records appended since then, so a 2,560-chunk download stays light. Full
 * snapshots come with status events and the download list; `applyProgress` merges a delta into one.
 */
export interface DownloadProgress extends Omit<DownloadSnapshot, 'chunks' | 'retries'> {
  /** Chunks added or changed since the previous batch. */
  changedChunks: ChunkSnapshot[];
  /** Chunks that no longer exist (a new run planned the file again). */
  removedChunkIds: number[];
  /** Retry records appended since the previous batch, oldest first. */
  newRetries: RetryRecord[];
}

/** The most retry records a download keeps; older ones are dropped. */
export const MAX_RETRY_RECORDS = 200;

/** A batch of progress for the downloads that changed since the previous batch. */
export interface ProgressBatch {
  at: number;
  downloads: DownloadProgress[];
}
