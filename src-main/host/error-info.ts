// Turns anything thrown behind the contract into ErrorInfo data: codes and messages, never stacks.
import type { ErrorCode, ErrorInfo } from '../../src-shared/download-types';
import { redactUrlsInText } from '../../src-shared/redact-url';

const ERROR_CODES: Record<ErrorCode, true> = {
  INVALID_URL: true,
  INVALID_INPUT: true,
  HTTP_STATUS: true,
  RANGE_UNSUPPORTED: true,
  CONTENT_RANGE_MISMATCH: true,
  REMOTE_CHANGED: true,
  NETWORK: true,
  PROTOCOL_ERROR: true,
  TIMEOUT: true,
  UNREACHABLE: true,
  TOO_MANY_REDIRECTS: true,
  DISK_FULL: true,
  NOT_ENOUGH_SPACE: true,
  FILE_TOO_LARGE: true,
  FILE_SYSTEM: true,
  INTEGRITY_MISMATCH: true,
  JOURNAL_INVALID: true,
  ABORTED: true,
  NOT_FOUND: true,
  DUPLICATE: true,
  INTERNAL: true,
  DIRECTORY_NOT_ALLOWED: true,
  CONFIRMATION_REQUIRED: true,
  NAME_TOO_LONG: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

export function errorInfo(code: ErrorCode, message: string, retryable = false): ErrorInfo {
  return { code, message, retryable };
}

/** Duck-typed so it accepts the engine's DownloadError and anything shaped like it. */
export function toErrorInfo(err: unknown): ErrorInfo {
  const candidate = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  // Engine messages may quote the link they failed on; what crosses to a UI is redacted.
  const message = redactUrlsInText(typeof candidate.message === 'string' ? candidate.message : String(err));
  if (isErrorCode(candidate.code)) {
    const info = errorInfo(candidate.code, message, candidate.retryable === true);
    if (typeof candidate.status === 'number') info.status = candidate.status;
    const duplicate = candidate.duplicate as ErrorInfo['duplicate'];
    if (typeof duplicate?.id === 'string') info.duplicate = duplicate;
    const { space, sizeCap } = candidate as Pick<ErrorInfo, 'space' | 'sizeCap'>;
    if (space !== undefined) info.space = space;
    if (sizeCap !== undefined) info.sizeCap = sizeCap;
    return info;
  }
  // Node's system errors (ENOENT, EACCES, ENOSPC, …) carry an errno code of their own.
  if (typeof candidate.code === 'string' && /^E[A-Z]+$/.test(candidate.code)) {
    return errorInfo(candidate.code === 'ENOSPC' ? 'DISK_FULL' : 'FILE_SYSTEM', message);
  }
  return errorInfo('INTERNAL', message);
}
