// Finding a file of the built UI for a URL path, for both hosts (`pdl serve` over HTTP, the app over
// its app:// scheme). Anything that escapes the UI folder, also through a symbolic link, is refused.
import { realpath, stat } from 'node:fs/promises';
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
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The path under `root` that a URL path names, or null when it would leave `root` or is malformed. */
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

export type StaticLookup =
  | { kind: 'file'; path: string; hashed: boolean }
  | { kind: 'bad-path' }
  | { kind: 'missing'; isIndex: boolean };

/** Resolves a URL path to a regular file inside `root`, following links only if they stay inside. */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  const target = resolveStaticPath(root, urlPath);
  if (!target) return { kind: 'bad-path' };
  try {
    const rootReal = await realpath(root);
    const real = await realpath(target);
    if (real.startsWith(rootReal + sep) && (await stat(real)).isFile()) {
      // Vite puts content hashes in the names under assets/, so only those may be cached for long.
      return { kind: 'file', path: real, hashed: real.startsWith(join(rootReal, 'assets') + sep) };
    }
  } catch {
    // Missing file or missing UI folder: answered below.
  }
  return { kind: 'missing', isIndex: target === resolve(root, 'index.html') };
}
