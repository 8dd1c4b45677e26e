// Write batches are large and reused: a connection moving hundreds of MB/s allocates no buffer per
// read, so nothing waits for the garbage collector to give its memory back. A connection runs one
// writer at a time and a writer holds one batch (its writes are synchronous), so one spare each.
export const WRITE_BATCH_BYTES = 512 * 1024;

export class BatchPool {
  private spare: Buffer | undefined;

  take(): Buffer {
    const buffer = this.spare ?? Buffer.allocUnsafeSlow(WRITE_BATCH_BYTES);
    this.spare = undefined;
    return buffer;
  }

  give(buffer: Buffer): void {
    this.spare = buffer;
  }
}
