// One GET on a download connection, following redirects here so loops are detected exactly and the
// final URL is known. The request headers are built once per hop: the engine's own, then the user's
// (minus those the engine owns), with credentials kept to the origin they were given for.
import { redactUrl } from '../../../src-shared/redact-url';
import { headersForTarget, isEngineOwnedHeader } from '../../../src-shared/request-headers';
import { DownloadError } from '../errors';
import type { Http1Connection } from './http1-connection';
import type { Exchange } from './http1-exchange';
import type { ConnectionTimeouts } from './worker-protocol';

export const USER_AGENT = 'ParallelDownloader/0.1';

export interface OpenResponse {
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  exchange: Exchange;
}

export interface OpenRequest {
  connection: Http1Connection;
  url: string;
  /** Headers the engine sets for this request (Range, If-Range). */
  engineHeaders: Record<string, string>;
  /** The user's headers for the whole download. */
  extraHeaders: Record<string, string>;
  /** Origin the user's Authorization and Cookie belong to; defaults to the origin of `url`. */
  credentialsOrigin?: string;
  proxy?: string;
  timeouts: ConnectionTimeouts;
  maxRedirects: number;
  signal: AbortSignal;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The headers sent to `url`: engine-owned names stripped, credentials only to their own origin. */
export function requestHeaders(
  url: URL,
  extra: Record<string, string>,
  engineHeaders: Record<string, string>,
  credentialsOrigin: string,
): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, 'Accept-Encoding': 'identity' };
  if (url.username || url.password) {
    const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers['Authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  for (const [name, value] of Object.entries(headersForTarget(extra, credentialsOrigin, url.href))) {
    if (isEngineOwnedHeader(name)) continue;
    // The user's header replaces the engine's default of the same name (User-Agent).
    const key = name.toLowerCase();
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === key) delete headers[existing];
    headers[name] = value;
  }
  return { ...headers, ...engineHeaders };
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DownloadError('INVALID_URL', 'the address is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DownloadError('INVALID_URL', `unsupported scheme ${url.protocol}; use http or https`);
  }
  return url;
}

export async function openRequest(request: OpenRequest): Promise<OpenResponse> {
  const visited = new Set<string>();
  let url = parseUrl(request.url);
  const credentialsOrigin = request.credentialsOrigin ?? url.origin;
  for (let hop = 0; ; hop++) {
    visited.add(url.href);
    const response = await request.connection.get({
      url,
      headers: requestHeaders(url, request.extraHeaders, request.engineHeaders, credentialsOrigin),
      timeouts: request.timeouts,
      signal: request.signal,
      proxy: request.proxy,
    });
    if (!REDIRECT_STATUSES.has(response.status)) {
      return {
        status: response.status,
        finalUrl: url.href,
        headers: response.headers,
        exchange: response.exchange,
      };
    }
    response.exchange.discard();
    const location = response.headers['location'];
    if (!location) {
      throw new DownloadError('HTTP_STATUS', `HTTP ${response.status} redirect without a Location`);
    }
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new DownloadError('INVALID_URL', `redirect to an unsupported scheme: ${next.protocol}`);
    }
    if (visited.has(next.href)) {
      throw new DownloadError('TOO_MANY_REDIRECTS', `redirect loop at ${redactUrl(next.href)}`);
    }
    if (hop + 1 > request.maxRedirects) {
      throw new DownloadError('TOO_MANY_REDIRECTS', `more than ${request.maxRedirects} redirects`);
    }
    url = next;
  }
}
