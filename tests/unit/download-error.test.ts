import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';

describe('DownloadError', () => {
  it('is an Error with a stable code, not retryable unless said so', () => {
    const error = new DownloadError('DISK_FULL', 'the disk is full');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DownloadError', code: 'DISK_FULL', retryable: false });
    expect(error.status).toBeUndefined();
  });

  it('crosses boundaries as plain ErrorInfo, with the status only when a response caused it', () => {
    expect(new DownloadError('NETWORK', 'reset', { retryable: true }).toInfo()).toEqual({
      code: 'NETWORK',
      message: 'reset',
      retryable: true,
    });
    const info = new DownloadError('HTTP_STATUS', 'HTTP 503', { retryable: true, status: 503 }).toInfo();
    expect(info).toEqual({ code: 'HTTP_STATUS', message: 'HTTP 503', retryable: true, status: 503 });
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
  });

  it('keeps the underlying cause', () => {
    const cause = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    expect(new DownloadError('DISK_FULL', 'full', { cause }).cause).toBe(cause);
  });

  it('passes its own errors through from() unchanged', () => {
    const error = new DownloadError('TIMEOUT', 'no data for 30000 ms', { retryable: true });
    expect(DownloadError.from(error)).toBe(error);
  });

  it('turns anything else into a non-retryable INTERNAL error that keeps the cause', () => {
    const thrown = new TypeError('x is undefined');
    const wrapped = DownloadError.from(thrown);
    expect(wrapped).toMatchObject({ code: 'INTERNAL', message: 'x is undefined', retryable: false });
    expect(wrapped.cause).toBe(thrown);
    expect(DownloadError.from('boom')).toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });

  it('carries the wait a server asked for as a typed field, across a thread boundary too', () => {
    const error = new DownloadError('HTTP_STATUS', 'HTTP 429', {
      retryable: true,
      status: 429,
      retryAfterMs: 7000,
    });
    expect(error.retryAfterMs).toBe(7000);
    expect(error.toInfo()).not.toHaveProperty('retryAfterMs');
    const failure = error.toFailure();
    expect(failure).toEqual({
      code: 'HTTP_STATUS',
      message: 'HTTP 429',
      retryable: true,
      status: 429,
      retryAfterMs: 7000,
    });
    expect(DownloadError.fromInfo(failure)).toMatchObject({
      retryable: true,
      status: 429,
      retryAfterMs: 7000,
    });
  });
});
