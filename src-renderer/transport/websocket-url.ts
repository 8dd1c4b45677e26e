// The WebSocket address of `pdl serve`. It carries no token: the server traded the printed link's
// token for an HttpOnly session cookie before this page loaded, and the browser sends that cookie.
import { WS_PATH } from '../../src-shared/ipc-contract';

/** The WebSocket address on the same host that served the page. */
export function webSocketUrl(pageHref: string): string {
  const page = new URL(pageHref);
  const url = new URL(WS_PATH, page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
