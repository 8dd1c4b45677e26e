// Who may reach the endpoint from a browser. Extensions (and pages with an opaque `null` origin, such
// as a local AriaNg file) get CORS; an ordinary web origin is refused outright, so a page the user
// visits cannot drive downloads even if it guessed the secret. The Host check defeats DNS rebinding.
import type { IncomingMessage } from 'node:http';

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9._-]+$/;

export type OriginVerdict =
  /** No Origin header: a native client (curl, the aria2 library, an extension's background fetch). */
  { kind: 'no-origin' } | { kind: 'extension'; origin: string } | { kind: 'refused'; reason: string };

export function judgeOrigin(origin: string | undefined): OriginVerdict {
  if (origin === undefined) return { kind: 'no-origin' };
  if (origin === 'null' || EXTENSION_ORIGIN.test(origin)) return { kind: 'extension', origin };
  return { kind: 'refused', reason: 'requests from web pages are not accepted; use a browser extension' };
}

/** Host must name this server on loopback, as any client that really connects here writes it. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function corsHeaders(verdict: OriginVerdict): Record<string, string> {
  if (verdict.kind !== 'extension') return {};
  return {
    'Access-Control-Allow-Origin': verdict.origin,
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Authorization',
    'Access-Control-Max-Age': '600',
    'Access-Control-Allow-Private-Network': 'true',
    Vary: 'Origin',
  };
}
