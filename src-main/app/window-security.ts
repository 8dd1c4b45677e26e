// Locks the window down: no navigation away from our page, no new windows or webviews, no
// permissions, and a strict CSP on every response. Takes Electron-like objects so tests need no Electron.

/** The parts of Electron's WebContents this module uses. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

type HeadersCallback = (response: { responseHeaders?: Record<string, string | string[]> }) => void;

/** The parts of Electron's Session this module uses. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: HeadersCallback) => void,
    ): void;
  };
}

/** Navigation and pop-ups are refused; links the user clicks are not our business in this window. */
export function createWindowSecurity(
  contents: WebContentsLike,
  onRefused: (url: string) => void = () => {},
): void {
  const refuse = (event: { preventDefault(): void }, url: string): void => {
    event.preventDefault();
    onRefused(url);
  };
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    onRefused(url);
    return { action: 'deny' };
  });
}

/** Every permission (camera, notifications from the page, geolocation, …) is denied. */
export function applySessionSecurity(session: SessionLike, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // A file:// page has no response headers of its own; the session adds the CSP to each response.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
}
