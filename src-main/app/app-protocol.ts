// The app's page is served over a privileged app:// scheme instead of file://: a file:// response has
// no headers, so the main process could not reliably give it a CSP (Electron's webRequest hooks have
// not always seen file:// loads). Here every response is built by us, with the CSP and nosniff.
import { readFile } from 'node:fs/promises';
import { contentTypeOf, findStaticFile } from '../host/static-assets';

export const APP_SCHEME = 'app';
export const APP_HOST = 'pdl';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Privileges for `protocol.registerSchemesAsPrivileged`: a standard, secure origin for the page. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
};

function plain(status: number, text: string, headers: Record<string, string>): Response {
  return new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The `protocol.handle` handler: read-only files of the built UI under `rootDir`. */
export function createAppProtocolHandler(
  rootDir: string,
  headers: Record<string, string>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found', headers);
    if (request.method !== 'GET') return plain(405, 'Method not allowed', headers);
    const found = await findStaticFile(rootDir, url.pathname);
    if (found.kind === 'bad-path') return plain(400, 'Bad path', headers);
    if (found.kind === 'missing') return plain(404, 'Not found', headers);
    const body = await readFile(found.path);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeOf(found.path) },
    });
  };
}
