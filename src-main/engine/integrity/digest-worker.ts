// Worker entry: hashes the part file in order, from the start up to the contiguous-bytes watermark,
// so that when the last byte lands only a small tail is left to hash.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorCode } from '../../../src-shared/download-types';
import type {
  DigestWorkerData,
  FromDigestWorker,
  SequentialAlgorithm,
  ToDigestWorker,
} from './digest-protocol';

/**
 * Small reads that stay in the core's L2 cache: the page-cache copy lands there and SHA-256 reads it
 * back from there. Measured over a 512 MiB file in the page cache: 128 KiB reads cost ~60 ms of
 * kernel time, 256 KiB to 4 MiB reads ~250-320 ms (the copy and the hash both miss the cache).
 */
const READ_BUFFER_BYTES = 128 * 1024;
/** Reads per event-loop turn (~4 MiB, a few ms): between turns, newer watermarks and finish get through. */
const READS_PER_TURN = 32;
/** While catching up on a long prefix, report progress every this many turns. */
const TURNS_PER_REPORT = 8;

const maybePort = parentPort;
if (maybePort === null) throw new Error('digest-worker must run as a worker thread');
const port = maybePort;

const { partPath, algorithms } = workerData as DigestWorkerData;
const hashes = algorithms.map((algorithm) => ({ algorithm, hash: createHash(algorithm) }));
// One buffer for every read: hash.update consumes it synchronously, before the next read.
const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);

let fd: number | undefined;
let hashedUpTo = 0;
let watermark = 0;
let totalBytes: number | undefined;
let pumping = false;
let turnsSinceReport = 0;
let stopped = false;

function post(message: FromDigestWorker): void {
  port.postMessage(message);
}

/** Closes the file and lets the thread exit: nothing more will be hashed. */
function stop(): void {
  stopped = true;
  if (fd !== undefined) closeSync(fd);
  fd = undefined;
  port.close();
}

function fail(code: ErrorCode, message: string): void {
  post({ type: 'failed', error: { code, message, retryable: false } });
  stop();
}

port.on('message', (message: ToDigestWorker) => {
  if (stopped) return;
  if (message.type === 'advance') {
    watermark = Math.max(watermark, message.watermark);
  } else if (watermark > message.totalBytes) {
    fail('INTERNAL', `watermark ${watermark} is beyond the end of the file (${message.totalBytes})`);
    return;
  } else {
    totalBytes = message.totalBytes;
    watermark = totalBytes;
  }
  if (!pumping) {
    pumping = true;
    setImmediate(pump);
  }
});

function pump(): void {
  if (stopped) return;
  try {
    for (let reads = 0; reads < READS_PER_TURN && hashedUpTo < watermark; reads++) {
      if (!hashNextBlock()) {
        fail('FILE_SYSTEM', `${partPath} ends at byte ${hashedUpTo}, before ${watermark}`);
        return;
      }
    }
  } catch (err) {
    fail('FILE_SYSTEM', `cannot hash ${partPath}: ${(err as Error).message}`);
    return;
  }
  if (hashedUpTo < watermark) {
    if (++turnsSinceReport >= TURNS_PER_REPORT) {
      turnsSinceReport = 0;
      post({ type: 'hashed', upTo: hashedUpTo });
    }
    setImmediate(pump);
    return;
  }
  pumping = false;
  post({ type: 'hashed', upTo: hashedUpTo });
  if (totalBytes !== undefined && hashedUpTo === totalBytes) complete();
}

/** Hashes the next block below the watermark; false when the file ends before it. */
function hashNextBlock(): boolean {
  // Opened on first use: the hasher may start before the part file exists.
  fd ??= openSync(partPath, 'r');
  const length = Math.min(READ_BUFFER_BYTES, watermark - hashedUpTo);
  const read = readSync(fd, buffer, 0, length, hashedUpTo);
  if (read === 0) return false;
  const bytes = buffer.subarray(0, read);
  for (const { hash } of hashes) hash.update(bytes);
  hashedUpTo += read;
  return true;
}

function complete(): void {
  const digests: Partial<Record<SequentialAlgorithm, string>> = {};
  for (const { algorithm, hash } of hashes) digests[algorithm] = hash.digest('hex');
  post({ type: 'digests', digests });
  stop();
}
