// Quitting waits for the engine: downloads are paused and their journals saved before the process
// exits, so the next launch resumes them. A second quit request while stopping changes nothing.

export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export function installQuitGuard(
  app: QuittableApp,
  shutdown: () => Promise<void>,
  onError: (err: unknown) => void,
): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    shutdown()
      .catch(onError)
      .finally(() => {
        state = 'stopped';
        app.quit();
      });
  });
}
