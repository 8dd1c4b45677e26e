// What the hosts need from the desktop: Electron's shell and dialog in the app, the system opener in
// `pdl serve`. Injected so the request router stays testable.
export interface ShellAdapter {
  /** Opens a file with its default application; rejects when that fails. */
  openPath(path: string): Promise<void>;
  /** Reveals a file in the system file manager. */
  showItemInFolder(path: string): Promise<void>;
  /** Asks the user for a folder; null when cancelled or when no picker exists. */
  chooseFolder(): Promise<string | null>;
}
