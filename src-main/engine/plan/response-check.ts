// Decides, from status and headers alone, whether a response may be written where it was asked to
// go. Pure: the worker applies the verdict.
import { DownloadError } from '../errors';
import { isRetryableStatus, parseRetryAfterMs } from '../fetch/retry-policy';
import { parseContentRange } from './content-range';
import { placeRange, type Placement } from './range-placement';

export interface RangeAsked {
  position: number;
  end: number;
  totalBytes: number;
  etag?: string;
  lastModified?: string;
}

export function statusError(status: number, headers: Record<string, string>, nowMs: number): DownloadError {
  const retryable = isRetryableStatus(status);
  const retryAfterMs = retryable ? parseRetryAfterMs(headers['retry-after'], nowMs) : undefined;
  return new DownloadError('HTTP_STATUS', `the server answered HTTP ${status}`, {
    retryable,
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** Whether the body is sent in a Content-Encoding (gzip, br...) rather than as the file's bytes. */
export function hasContentEncoding(headers: Record<string, string>): boolean {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  return encoding !== undefined && encoding !== '' && encoding !== 'identity';
}

function validatorsChanged(headers: Record<string, string>, asked: RangeAsked): boolean {
  const etag = headers['etag'];
  if (asked.etag && etag && etag !== asked.etag) return true;
  const lastModified = headers['last-modified'];
  return !asked.etag && !!asked.lastModified && !!lastModified && lastModified !== asked.lastModified;
}

/**
 * Checks a response to `Range: bytes=position-end`. Returns where its body goes: the bytes to drop
 * before `position` (an honest superset or a range shifted back) and the last offset to write (a
 * server may send less than asked; the rest is fetched again). Throws a DownloadError saying why the
 * body must not be written.
 */
export function checkRangeResponse(
  status: number,
  headers: Record<string, string>,
  asked: RangeAsked,
  nowMs: number,
): Placement {
  if (status === 200) {
    const length = headers['content-length'];
    if (validatorsChanged(headers, asked) || (length !== undefined && Number(length) !== asked.totalBytes)) {
      throw new DownloadError('REMOTE_CHANGED', 'remote file changed since the download started', {
        status: 200,
      });
    }
    throw new DownloadError('RANGE_UNSUPPORTED', 'the server ignored the byte range (HTTP 200)', {
      status: 200,
    });
  }
  if (status !== 206) throw statusError(status, headers, nowMs);
  if (hasContentEncoding(headers)) {
    throw new DownloadError('RANGE_UNSUPPORTED', 'the server compressed a ranged response', { status: 206 });
  }
  if (validatorsChanged(headers, asked)) {
    throw new DownloadError('REMOTE_CHANGED', 'remote file changed since the download started', {
      status: 206,
    });
  }
  const range = parseContentRange(headers['content-range']);
  const placement =
    range?.kind === 'range' ? placeRange({ start: asked.position, end: asked.end }, range) : undefined;
  if (range?.kind !== 'range' || !placement) {
    throw new DownloadError(
      'CONTENT_RANGE_MISMATCH',
      `asked for bytes ${asked.position}-${asked.end}, got Content-Range "${headers['content-range'] ?? ''}"`,
      { retryable: true, status: 206 },
    );
  }
  const length = headers['content-length'];
  if (length !== undefined && Number(length) !== range.end - range.start + 1) {
    throw new DownloadError(
      'CONTENT_RANGE_MISMATCH',
      `Content-Length ${length} does not match Content-Range "${headers['content-range']}"`,
      { retryable: true, status: 206 },
    );
  }
  if (range.total !== undefined && range.total !== asked.totalBytes) {
    throw new DownloadError('REMOTE_CHANGED', 'remote file changed since the download started', {
      status: 206,
    });
  }
  return placement;
}
