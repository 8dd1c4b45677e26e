// Who is signed in to `pdl serve`. The printed link's `?token=` is exchanged on the first page load
// for a random session id in an HttpOnly, SameSite=Strict cookie, and the browser is redirected to
// the same address without the token, so the token leaves the address bar and the history. The
// WebSocket then authenticates by that cookie alone.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WS_TOKEN_PARAM } from '../../src-shared/ipc-contract';
import { tokenMatches } from './request-guard';
import { createTokenBackoff } from './token-backoff';

const SESSION_BYTES = 32;
/** Browser tabs and profiles signed in at once; the oldest session is dropped beyond this. */
const MAX_SESSIONS = 100;

export type TokenExchange =
  | { kind: 'none' }
  | { kind: 'signed-in'; location: string; cookie: string }
  | { kind: 'wrong-token' }
  | { kind: 'too-many-attempts'; retryAfterSeconds: number };

export interface ServeSessions {
  /** For a page request: what its `?token=` (if any) leads to. */
  exchange(req: IncomingMessage): TokenExchange;
  isSignedIn(req: IncomingMessage): boolean;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * Cookies are shared by every port of 127.0.0.1, so the name carries the port: two servers (or a
 * restarted one on another port) never read each other's session.
 */
export function sessionCookieName(port: number): string {
  return `pdl_session_${port}`;
}

export function createServeSessions(options: {
  token: string;
  port: () => number;
  now: () => number;
}): ServeSessions {
  const sessions = new Set<string>();
  const backoff = createTokenBackoff(options.now);

  function startSession(): string {
    const id = randomBytes(SESSION_BYTES).toString('base64url');
    sessions.add(id);
    if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.values().next().value as string);
    return id;
  }

  return {
    exchange(req) {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      const given = url.searchParams.get(WS_TOKEN_PARAM);
      if (given === null) return { kind: 'none' };
      const client = req.socket.remoteAddress ?? 'unknown';
      const allowed = backoff.check(client);
      if (!allowed.ok)
        return { kind: 'too-many-attempts', retryAfterSeconds: Math.ceil(allowed.retryAfterMs / 1000) };
      if (!tokenMatches(options.token, given)) {
        backoff.failed(client);
        return { kind: 'wrong-token' };
      }
      backoff.succeeded(client);
      url.searchParams.delete(WS_TOKEN_PARAM);
      const cookie = `${sessionCookieName(options.port())}=${startSession()}; HttpOnly; SameSite=Strict; Path=/`;
      return { kind: 'signed-in', location: url.pathname + url.search, cookie };
    },
    isSignedIn(req) {
      const id = parseCookies(req.headers.cookie).get(sessionCookieName(options.port()));
      return id !== undefined && sessions.has(id);
    },
  };
}
