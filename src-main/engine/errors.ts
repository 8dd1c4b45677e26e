import type { ErrorCode, ErrorInfo } from '../../src-shared/download-types';

/**
 * The engine's one error type: a stable code, whether retrying can help, and the HTTP status when a
 * response caused it. Crosses thread and IPC boundaries as `ErrorInfo` (see `toInfo`).
 */
export class DownloadError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable = false,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DownloadError';
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.status !== undefined) info.status = this.status;
    return info;
  }

  /** Rebuilds an error that crossed a thread or process boundary as data. */
  static fromInfo(info: ErrorInfo): DownloadError {
    return new DownloadError(info.code, info.message, info.retryable, info.status);
  }

  /** Keeps a DownloadError as is; anything else is an unexpected failure of ours (INTERNAL). */
  static from(err: unknown): DownloadError {
    if (err instanceof DownloadError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new DownloadError('INTERNAL', message, false, undefined, { cause: err });
  }
}
