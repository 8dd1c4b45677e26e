// Serves the built renderer (out/renderer) read-only. Paths are resolved inside the root folder and
// anything that escapes it is refused; every answer carries the CSP and no-sniff headers.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The page URL carries the token: never send it on as a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(`${text}\n`);
}

/** The file under `root` that a URL path names, or null when it would leave `root` or is malformed. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const target = resolve(join(base, relative));
  return target.startsWith(base + sep) ? target : null;
}

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const urlPath = new URL(req.url ?? '/', 'http://placeholder').pathname;
  const target = resolveStaticPath(root, urlPath);
  if (!target) {
    sendText(res, 400, 'Bad path', headers);
    return;
  }
  let real: string;
  try {
    // Symbolic links inside the build must not lead outside it either.
    real = await realpath(target);
    const rootReal = await realpath(root);
    if (!real.startsWith(rootReal + sep) || !(await stat(real)).isFile()) throw new Error('not a file');
  } catch {
    const missingUi = target === resolve(root, 'index.html');
    const message = missingUi
      ? 'The UI is not built yet: run `npm run build`, then restart pdl serve'
      : 'Not found';
    sendText(res, missingUi ? 503 : 404, message, headers);
    return;
  }
  const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
  // Vite puts content hashes in the names under assets/; everything else must always be fresh.
  const hashed = real.startsWith(join(await realpath(root), 'assets') + sep);
  const cache = hashed ? 'public, max-age=31536000, immutable' : 'no-store';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(real)
    .on('error', () => res.destroy())
    .pipe(res);
}
