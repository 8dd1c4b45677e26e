// Socket failures as DownloadErrors, with a sentence a person can act on.
import { DownloadError } from '../errors';

export function socketError(err: Error): DownloadError {
  if (err instanceof DownloadError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new DownloadError('NETWORK', `host not found (${code})`, { retryable: code === 'EAI_AGAIN' });
  }
  if (code === 'ETIMEDOUT')
    return new DownloadError('TIMEOUT', `the connection timed out (${code})`, { retryable: true });
  if (code.startsWith('ERR_TLS_') || code.includes('CERT')) {
    return new DownloadError(
      'NETWORK',
      `the server's TLS certificate is not trusted (${code}); add its CA with NODE_EXTRA_CA_CERTS`,
      { cause: err },
    );
  }
  return new DownloadError('NETWORK', `network error: ${code || err.message}`, {
    retryable: true,
    cause: err,
  });
}

/** Why a request stopped: the reason it was aborted with, or a plain ABORTED. */
export function abortReason(signal: AbortSignal): DownloadError {
  return signal.reason instanceof DownloadError
    ? signal.reason
    : new DownloadError('ABORTED', 'the request was stopped');
}
