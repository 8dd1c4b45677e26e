// The `pdl serve` access token: read once from the page URL, kept for the tab in sessionStorage and
// removed from the address bar so it does not end up in screenshots, history or shared links.

import { WS_PATH, WS_TOKEN_PARAM } from '../../src-shared/ipc-contract';

const STORAGE_KEY = 'pdl.accessToken';

export interface TokenEnvironment {
  location: { href: string };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState'>;
}

export function takeAccessToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get(WS_TOKEN_PARAM);
  if (fromUrl !== null && fromUrl !== '') {
    env.storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete(WS_TOKEN_PARAM);
    env.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  const stored = env.storage.getItem(STORAGE_KEY);
  return stored === null || stored === '' ? null : stored;
}

/** The WebSocket address on the same host that served the page. */
export function webSocketUrl(pageHref: string, token: string): string {
  const page = new URL(pageHref);
  const url = new URL(WS_PATH, page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set(WS_TOKEN_PARAM, token);
  return url.href;
}
