// Bounds the memory of a worker that moves hundreds of MB/s through short-lived 64 KiB socket
// buffers. Their memory is released only when V8 collects the small JS objects that own them, and
// those objects hardly fill the young generation, so without help a worker holds tens of MB of dead
// buffers. A cheap minor GC after every RECLAIM_EVERY_BYTES keeps that near one window's worth.
import v8 from 'node:v8';
import vm from 'node:vm';

export const RECLAIM_EVERY_BYTES = 8 * 1024 * 1024;

type MinorGc = (options: { type: 'minor'; execution?: 'sync' | 'async' }) => void;

function exposeGc(): MinorGc | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as MinorGc;
  } catch {
    return undefined;
  }
}

export class BufferReclaimer {
  private sinceLast = 0;
  private readonly gc = exposeGc();

  /** Counts bytes that passed through; collects young garbage once enough went by. */
  passed(bytes: number): void {
    this.sinceLast += bytes;
    if (this.sinceLast < RECLAIM_EVERY_BYTES || !this.gc) return;
    this.sinceLast = 0;
    this.gc({ type: 'minor' });
  }
}
