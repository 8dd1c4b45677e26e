// The page's Content-Security-Policy, shared by `pdl serve` (HTTP header) and the app (session
// header of each app:// response). Only our own scripts and styles; the only connection is the host's.

export interface CspOptions {
  /** Extra `connect-src` sources, e.g. `ws://127.0.0.1:PORT` for the WebSocket transport. */
  connect?: string[];
  /** The Vite dev server needs inline scripts (React refresh) and its own origin for HMR. */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  const devWs = dev?.replace(/^http/, 'ws');
  const connect = ["'self'", ...(options.connect ?? []), ...(dev && devWs ? [dev, devWs] : [])];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"]],
    ['style-src', dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Headers for every response of the UI: its CSP plus the usual hardening. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The `pdl serve` page URL carries the token: never send it on as a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
