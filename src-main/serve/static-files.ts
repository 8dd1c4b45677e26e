// Serves the built renderer (out/renderer) read-only over HTTP; every answer carries the CSP and
// no-sniff headers.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf, findStaticFile } from '../host/static-assets';

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

/** A small page for a person who opened a link that does not work; no scripts, no styles. */
export function sendPage(
  res: ServerResponse,
  status: number,
  page: { title: string; text: string },
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page.title}</title></head>` +
      `<body><h1>${page.title}</h1><p>${page.text}</p></body></html>\n`,
  );
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
  const found = await findStaticFile(root, urlPath);
  if (found.kind === 'bad-path') {
    sendText(res, 400, 'Bad path', headers);
    return;
  }
  if (found.kind === 'missing') {
    const notBuilt = 'The UI is not built yet: run `npm run build`, then restart pdl serve';
    sendText(res, found.isIndex ? 503 : 404, found.isIndex ? notBuilt : 'Not found', headers);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(found.path),
    'Cache-Control': found.hashed ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
