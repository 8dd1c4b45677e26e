// Write batches are large and reused: a worker moving hundreds of MB/s allocates nothing per read,
// so nothing waits for the garbage collector to give its memory back.
export const WRITE_BATCH_BYTES = 512 * 1024;
/** Spare batches kept for reuse; more would only hold memory while downloads are idle. */
const MAX_SPARE = 4;

export class BatchPool {
  private readonly spare: Buffer[] = [];

  take(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(WRITE_BATCH_BYTES);
  }

  give(buffer: Buffer): void {
    if (this.spare.length < MAX_SPARE) this.spare.push(buffer);
  }
}
