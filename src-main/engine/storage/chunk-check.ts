// Before a resume relies on the bytes a journal says are done, each chunk's written range is read
// back and checked against the CRC-32C the journal recorded for it: a part file damaged while the
// download was stopped (by a disk, a tool or a person) costs only the damaged chunks, fetched again.
import fs from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import type { PersistedChunk } from '../plan/chunk-scheduler';
import { fileSystemError } from './fs-errors';

const READ_BYTES = 1024 * 1024;

function readAt(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, buffer, 0, length, position, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
  );
}

/** The CRC-32C of the range, or undefined when the part file ends before it. */
async function crcOfRange(
  fd: number,
  buffer: Buffer,
  start: number,
  length: number,
): Promise<number | undefined> {
  let crc = 0;
  let done = 0;
  while (done < length) {
    const read = await readAt(fd, buffer, Math.min(buffer.length, length - done), start + done);
    if (read === 0) return undefined;
    crc = crc32c(buffer.subarray(0, read), crc);
    done += read;
  }
  return crc;
}

/** The chunks with every written range whose bytes no longer match their CRC-32C reset to empty. */
export async function verifiedChunks(
  fd: number,
  partPath: string,
  chunks: readonly PersistedChunk[],
): Promise<PersistedChunk[]> {
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  const checked: PersistedChunk[] = [];
  for (const chunk of chunks) {
    if (chunk.written === 0) {
      checked.push(chunk);
      continue;
    }
    const crc = await crcOfRange(fd, buffer, chunk.start, chunk.written).catch((err: unknown) => {
      throw fileSystemError(err, partPath, 'read');
    });
    checked.push(crc === chunk.crc ? chunk : { ...chunk, written: 0, crc: 0 });
  }
  return checked;
}
