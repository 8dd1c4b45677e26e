import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { BodyFaults } from './test-server-faults';
import { throttleSliceBytes, type TokenBucket } from './throttle';

const UNTHROTTLED_SLICE_BYTES = 1024 * 1024;
/** Gives the client time to read the bytes before the RST, which can discard unread data. */
const RESET_GRACE_MS = 10;

/** Resolves after `ms`, or early when the socket closes (so close() never waits on a stall). */
export function sleepUnlessClosed(socket: Socket, ms: number): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}

function waitForDrain(res: ServerResponse, socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    res.once('drain', done);
    socket.once('close', done);
  });
}

export interface SendOptions {
  bucket: TokenBucket | null;
  faults: BodyFaults;
  onBytes: (count: number) => void;
}

/** Writes the body with backpressure, throttling and mid-body faults, then ends, truncates or resets. */
export async function sendBody(res: ServerResponse, body: Buffer, options: SendOptions): Promise<void> {
  const socket = res.socket;
  if (!socket) return;
  const { bucket, faults } = options;
  const limit = Math.min(
    body.length,
    faults.resetAfterBytes ?? Infinity,
    faults.truncateAfterBytes ?? Infinity,
  );
  const stall = faults.stallAfterBytes;
  const sliceBytes = bucket ? throttleSliceBytes(bucket.rate) : UNTHROTTLED_SLICE_BYTES;
  let offset = 0;
  let stalled = false;
  let flushed: Promise<void> = Promise.resolve();
  while (offset < limit) {
    if (stall && !stalled && offset === stall.bytes) {
      stalled = true;
      await sleepUnlessClosed(socket, stall.ms);
    }
    const boundary = stall && !stalled && stall.bytes > offset ? stall.bytes : limit;
    const count = Math.min(sliceBytes, boundary - offset);
    const waitMs = bucket ? bucket.reserve(count) : 0;
    if (waitMs > 0) await sleepUnlessClosed(socket, waitMs);
    if (socket.destroyed) return;
    const chunk = body.subarray(offset, offset + count);
    flushed = new Promise((resolve) => res.write(chunk, () => resolve()));
    offset += count;
    options.onBytes(count);
    if (res.writableNeedDrain) await waitForDrain(res, socket);
  }
  if (socket.destroyed) return;
  if (faults.resetAfterBytes !== undefined || faults.truncateAfterBytes !== undefined) {
    // A write callback may never run once the peer is gone, so closing also ends the wait.
    await Promise.race([flushed, new Promise((resolve) => socket.once('close', resolve))]);
  }
  if (socket.destroyed) return;
  if (faults.resetAfterBytes !== undefined) {
    await sleepUnlessClosed(socket, RESET_GRACE_MS);
    if (!socket.destroyed) socket.resetAndDestroy();
  } else if (faults.truncateAfterBytes !== undefined) {
    socket.end();
  } else {
    res.end();
  }
}
