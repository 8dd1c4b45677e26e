// One `ipcMain.handle` per contract channel, each checking the sender before the router sees the
// payload. Results are always `Result` data: Electron would forward only the message of a throw.
import type { Result } from '../../src-shared/ipc-contract';
import { REQUEST_CHANNELS } from '../../src-shared/ipc-contract';
import type { RequestRouter } from '../host/request-router';
import type { IpcEventLike } from './trusted-sender';

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcEventLike, payload: unknown) => Promise<Result<unknown>>,
  ): void;
  removeHandler(channel: string): void;
}

const UNTRUSTED: Result<never> = {
  ok: false,
  error: { code: 'INVALID_INPUT', message: 'Request from an untrusted frame', retryable: false },
};

/** Registers every request channel; the returned function removes them again. */
export function registerIpc(
  ipcMain: IpcMainLike,
  router: RequestRouter,
  isTrustedSender: (event: IpcEventLike) => boolean,
): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event)) return UNTRUSTED;
      return router.handle(channel, payload);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}
