// Every folder operation of a download gets a time bound: a folder on a hung network mount or a
// pseudo file system must end in a clear FILE_SYSTEM error, never in a download stuck "Connecting".
// The operation itself cannot be cancelled; the download stops waiting for it.

export const FOLDER_OP_TIMEOUT_MS = 15_000;

/** Rejects with an ETIMEDOUT error (mapped by `fileSystemError`) when `op` takes longer than `ms`. */
export function bounded<T>(op: Promise<T>, ms: number = FOLDER_OP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'ETIMEDOUT' })),
      ms,
    );
    timer.unref();
  });
  return Promise.race([op, timeout]).finally(() => clearTimeout(timer));
}
