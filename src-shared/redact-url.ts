// Hides the secrets a download link can carry before it is shown, printed or sent to a UI: the
// password in `user:password@` and the values of query parameters that prove authority (signatures,
// tokens, keys, credentials). The engine keeps the real URL; only what people see is redacted.
//
// The rule is by parameter name, not by provider: a name whose last word (split on - _ .) is one of
// SECRET_WORDS is a secret (`X-Amz-Signature`, `X-Amz-Security-Token`, `X-Amz-Credential`,
// `X-Goog-Signature`, Azure's `sig`, CloudFront's `Signature`, `access_token`, `api_key`, `key`).
// Parameters that only describe the grant stay readable (`Expires`, `X-Amz-Date`, `X-Amz-Expires`,
// `Key-Pair-Id`, `Policy`, `se`), so a user can still tell why a link stopped working; on their own
// they let nobody download anything. Names are compared without their percent-encoding and case.
// This is the one redaction policy: the engine's messages and proxy addresses go through it too.
import type {
  ChunkSnapshot,
  DownloadProgress,
  DownloadSnapshot,
  EngineSettings,
  ErrorInfo,
  RetryRecord,
} from './download-types';

export const REDACTED = '***';

const SECRET_WORDS: ReadonlySet<string> = new Set([
  'sig',
  'signature',
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'credential',
  'credentials',
  'key',
  'apikey',
  'auth',
  'hmac',
]);

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function isSecretParameter(name: string): boolean {
  const words = safeDecode(name).toLowerCase().split(/[-_.]/);
  return SECRET_WORDS.has(words[words.length - 1] ?? '');
}

/** `a=1&sig=x` → `a=1&sig=***`; every other character stays as written. */
function redactParameters(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || eq === pair.length - 1) return pair;
      return isSecretParameter(pair.slice(0, eq)) ? `${pair.slice(0, eq + 1)}${REDACTED}` : pair;
    })
    .join('&');
}

const SCHEME_AND_AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

/** The URL as written, with the password and secret parameter values replaced by `***`. */
export function redactUrl(url: string): string {
  let rest = url;
  let head = '';
  const authority = SCHEME_AND_AUTHORITY.exec(url);
  if (authority) {
    const [whole, scheme, hostPart] = authority;
    const at = hostPart!.lastIndexOf('@');
    const userInfo = at >= 0 ? hostPart!.slice(0, at) : '';
    const colon = userInfo.indexOf(':');
    const shownUser = colon >= 0 ? `${userInfo.slice(0, colon)}:${REDACTED}` : userInfo;
    head = `${scheme}${at >= 0 ? `${shownUser}@` : ''}${hostPart!.slice(at + 1)}`;
    rest = url.slice(whole.length);
  }
  const hashAt = rest.indexOf('#');
  const beforeHash = hashAt >= 0 ? rest.slice(0, hashAt) : rest;
  // Fragments carry tokens too (OAuth's `#access_token=…`).
  const hash = hashAt >= 0 ? `#${redactParameters(rest.slice(hashAt + 1))}` : '';
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? `?${redactParameters(beforeHash.slice(queryAt + 1))}` : '';
  return `${head}${path}${query}${hash}`;
}

const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** Redacts every URL inside a sentence (error messages quote the link they failed on). */
export function redactUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

export function redactErrorInfo<T extends ErrorInfo | undefined>(error: T): T {
  if (error === undefined) return error;
  return { ...error, message: redactUrlsInText(error.message) };
}

function redactChunk(chunk: ChunkSnapshot): ChunkSnapshot {
  return chunk.lastError ? { ...chunk, lastError: redactErrorInfo(chunk.lastError) } : chunk;
}

function redactRetry(retry: RetryRecord): RetryRecord {
  return { ...retry, error: redactErrorInfo(retry.error) };
}

/** A snapshot safe to show: links and every error message redacted; everything else untouched. */
export function redactSnapshot(download: DownloadSnapshot): DownloadSnapshot {
  const redacted: DownloadSnapshot = {
    ...download,
    url: redactUrl(download.url),
    chunks: download.chunks.map(redactChunk),
    retries: download.retries.map(redactRetry),
  };
  if (download.finalUrl !== undefined) redacted.finalUrl = redactUrl(download.finalUrl);
  if (download.error !== undefined) redacted.error = redactErrorInfo(download.error);
  return redacted;
}

/** A progress delta safe to show, redacted like a snapshot. */
export function redactProgress(download: DownloadProgress): DownloadProgress {
  const redacted: DownloadProgress = {
    ...download,
    url: redactUrl(download.url),
    changedChunks: download.changedChunks.map(redactChunk),
    newRetries: download.newRetries.map(redactRetry),
  };
  if (download.finalUrl !== undefined) redacted.finalUrl = redactUrl(download.finalUrl);
  if (download.error !== undefined) redacted.error = redactErrorInfo(download.error);
  return redacted;
}

/**
 * Settings safe to show: the proxy's password becomes `***`. The proxy is the settings' only secret;
 * the aria2 RPC secret travels on its own channel because the connect guide has to show it.
 */
export function redactSettings<T extends EngineSettings>(settings: T): T {
  return { ...settings, proxy: redactUrl(settings.proxy) };
}
