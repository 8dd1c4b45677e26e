import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src-main/host/content-security-policy';
import {
  applySessionSecurity,
  createWindowSecurity,
  type SessionLike,
} from '../../src-main/app/window-security';

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return this;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
    /** Simulates an event and reports whether the app prevented it. */
    fire(event: string, url = ''): boolean {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('window security', () => {
  it('refuses navigation, redirects, webviews and new windows', () => {
    const contents = fakeWebContents();
    const refused: string[] = [];
    createWindowSecurity(contents, (url) => refused.push(url));

    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/r')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.open('https://evil.example/popup')).toEqual({ action: 'deny' });
    expect(refused).toEqual([
      'https://evil.example/',
      'https://evil.example/r',
      'https://evil.example/popup',
    ]);
  });

  it('denies every permission request and check, and puts a strict CSP on every response', () => {
    let requestHandler: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
    let checkHandler: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
    let headersListener: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined;
    applySessionSecurity(
      {
        setPermissionRequestHandler: (handler) => (requestHandler = handler),
        setPermissionCheckHandler: (handler) => (checkHandler = handler),
        webRequest: { onHeadersReceived: (listener) => (headersListener = listener) },
      },
      contentSecurityPolicy(),
    );

    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      requestHandler?.({}, permission, (answer) => granted.push(answer));
      granted.push(checkHandler?.({}, permission) ?? true);
    }
    expect(granted.every((answer) => answer === false)).toBe(true);

    let headers: Record<string, string | string[]> | undefined;
    headersListener?.({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (response) => {
      headers = response.responseHeaders;
    });
    expect(headers?.['content-security-policy']).toBeUndefined();
    expect(headers?.['Content-Security-Policy']).toEqual([
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ]);
    expect(headers?.['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('relaxes the CSP only for the dev server origin in development', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(csp).toContain("script-src 'self' 'unsafe-inline' http://localhost:5173");
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });
});
