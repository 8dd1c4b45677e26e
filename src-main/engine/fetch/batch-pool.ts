// Write batches are large and reused: a connection moving hundreds of MB/s allocates nothing per
// read, so nothing waits for the garbage collector to give its memory back. One pool per connection
// holds at most what one writer uses at once (one filling, two queued).
export const WRITE_BATCH_BYTES = 512 * 1024;
const MAX_SPARE = 3;

export class BatchPool {
  private readonly spare: Buffer[] = [];

  take(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(WRITE_BATCH_BYTES);
  }

  give(buffer: Buffer): void {
    if (this.spare.length < MAX_SPARE) this.spare.push(buffer);
  }
}
