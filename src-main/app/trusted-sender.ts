// The IPC sender check: only the main frame of our own window, showing our own page, may call in.

export interface FrameLike {
  url: string;
}

export interface IpcEventLike {
  sender: unknown;
  senderFrame: FrameLike | null;
}

export interface TrustedWindow {
  webContents: { mainFrame: FrameLike };
}

/** Whether a URL is our page: the bundled index.html, or the dev server's origin in development. */
export function isOurPageUrl(url: string, pageUrl: string): boolean {
  let given: URL;
  let expected: URL;
  try {
    given = new URL(url);
    expected = new URL(pageUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:')
    return given.protocol === 'file:' && given.pathname === expected.pathname;
  return given.origin === expected.origin;
}

export function createTrustedSenderCheck(
  getWindow: () => TrustedWindow | undefined,
  pageUrl: string,
): (event: IpcEventLike) => boolean {
  return (event) => {
    const window = getWindow();
    const frame = event.senderFrame;
    if (!window || !frame) return false;
    return (
      event.sender === window.webContents &&
      frame === window.webContents.mainFrame &&
      isOurPageUrl(frame.url, pageUrl)
    );
  };
}
