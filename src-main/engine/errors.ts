import type {
  DuplicateInfo,
  ErrorCode,
  ErrorInfo,
  SizeCapExceeded,
  SpaceShortage,
} from '../../src-shared/download-types';
import type { FailureInfo } from './fetch/worker-protocol';

export interface DownloadErrorOptions {
  /** Whether another attempt can help (a reset, a timeout, a 503); false unless said so. */
  retryable?: boolean;
  /** How long the server asked to wait before the next attempt (`Retry-After`). */
  retryAfterMs?: number;
  /** HTTP status when a response caused the error. */
  status?: number;
  /** Of a DUPLICATE: the download that is already there. */
  duplicate?: DuplicateInfo;
  /** Of NOT_ENOUGH_SPACE: what the folder lacked. */
  space?: SpaceShortage;
  /** Of FILE_TOO_LARGE: the cap and the file's size. */
  sizeCap?: SizeCapExceeded;
  cause?: unknown;
}

/**
 * The engine's one error type: a stable code, whether retrying can help, how long the server asked
 * to wait, and the HTTP status when a response caused it. Crosses thread and IPC boundaries as
 * `ErrorInfo` (see `toInfo`).
 */
export class DownloadError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly duplicate?: DuplicateInfo;
  readonly space?: SpaceShortage;
  readonly sizeCap?: SizeCapExceeded;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DownloadErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DownloadError';
    this.retryable = options.retryable ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
    if (options.duplicate !== undefined) this.duplicate = options.duplicate;
    if (options.space !== undefined) this.space = options.space;
    if (options.sizeCap !== undefined) this.sizeCap = options.sizeCap;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.status !== undefined) info.status = this.status;
    if (this.duplicate !== undefined) info.duplicate = this.duplicate;
    if (this.space !== undefined) info.space = this.space;
    if (this.sizeCap !== undefined) info.sizeCap = this.sizeCap;
    return info;
  }

  /** What a worker reports: the info plus the wait the server asked for. */
  toFailure(): FailureInfo {
    const info: FailureInfo = this.toInfo();
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    return info;
  }

  /** Rebuilds an error that crossed a thread or process boundary as data. */
  static fromInfo(info: FailureInfo): DownloadError {
    return new DownloadError(info.code, info.message, {
      retryable: info.retryable,
      ...(info.status === undefined ? {} : { status: info.status }),
      ...(info.retryAfterMs === undefined ? {} : { retryAfterMs: info.retryAfterMs }),
      ...(info.space === undefined ? {} : { space: info.space }),
      ...(info.sizeCap === undefined ? {} : { sizeCap: info.sizeCap }),
    });
  }

  /** Keeps a DownloadError as is; anything else is an unexpected failure of ours (INTERNAL). */
  static from(err: unknown): DownloadError {
    if (err instanceof DownloadError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new DownloadError('INTERNAL', message, { cause: err });
  }
}
