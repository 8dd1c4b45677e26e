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

/**
 * Whether a URL belongs to our page: same scheme and host as the page we loaded (app://pdl, or the
 * dev server). Compared by scheme and host because custom schemes have an opaque ("null") origin.
 */
export function isOurPageUrl(url: string, pageUrl: string): boolean {
  try {
    const given = new URL(url);
    const expected = new URL(pageUrl);
    return given.protocol === expected.protocol && given.host === expected.host && given.host !== '';
  } catch {
    return false;
  }
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
