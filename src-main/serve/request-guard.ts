// Who may talk to `pdl serve`: requests must name our loopback address in Host (defeats DNS
// rebinding), come from our own origin (defeats cross-site pages) and, to act, be signed in with
// the token (see serve-session.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_BYTES = 32;

export function createToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host header values that name this server. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  if (bindHost === '::1') return new Set([`[::1]:${port}`, `localhost:${port}`]);
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

export function checkHost(req: IncomingMessage, hosts: Set<string>): GuardVerdict {
  const host = req.headers.host?.toLowerCase();
  if (host && hosts.has(host)) return { ok: true };
  return { ok: false, status: 421, reason: 'Host header does not name this server' };
}

/** The WebSocket upgrade: our Host and our own origin (the session cookie is checked after). */
export function checkUpgrade(req: IncomingMessage, hosts: Set<string>): GuardVerdict {
  const host = checkHost(req, hosts);
  if (!host.ok) return host;
  if (req.headers.origin !== `http://${req.headers.host?.toLowerCase()}`) {
    return { ok: false, status: 403, reason: 'Origin is not this server' };
  }
  return { ok: true };
}
