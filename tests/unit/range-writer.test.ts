import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { WRITE_BATCH_BYTES } from '../../src-main/engine/fetch/batch-pool';
import { Throttle } from '../../src-main/engine/fetch/throttle';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RangeWriter, type RangeWriterState } from '../../src-main/engine/fetch/range-writer';
import { PROGRESS_INTERVAL_MS } from '../../src-main/engine/fetch/worker-protocol';

/** Feeds pieces as a connection would (waiting while paused), then writes what was taken. */
async function feed(writer: RangeWriter, pieces: Iterable<Buffer>, beforePiece?: (index: number) => void) {
  let verdict = 'more';
  let index = 0;
  for (const piece of pieces) {
    beforePiece?.(index++);
    verdict = writer.write(piece, 0, piece.length);
    if (verdict === 'stop') break;
    if (verdict === 'pause') await writer.drained();
  }
  await writer.finish();
  return verdict === 'stop' ? 'complete' : 'eof';
}

const SENTINEL = 0xee;
const FILE_BYTES = 4096;
let dir: string;
let fd: number;

function bytes(length: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) % 251));
}

function onDisk(start: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  fs.readSync(fd, out, 0, length, start);
  return out;
}

function writerFor(start: number, end: number, now: () => number = () => 0): RangeWriter {
  return new RangeWriter({ fd, position: start, end, crc: 0 }, () => undefined, now);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-range-writer-'));
  fd = fs.openSync(path.join(dir, 'a.bin.part'), 'w+');
  fs.writeSync(fd, Buffer.alloc(FILE_BYTES, SENTINEL), 0, FILE_BYTES, 0);
});

afterEach(() => {
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('RangeWriter', () => {
  it('writes the body at its offset and keeps a CRC-32C of exactly the bytes written', async () => {
    const body = [bytes(100, 1), bytes(7, 2), bytes(293, 3)];
    const writer = writerFor(1000, 1399);
    expect(await feed(writer, body)).toBe('complete');
    const expected = Buffer.concat(body);
    expect(onDisk(1000, 400)).toEqual(expected);
    expect(writer.state).toMatchObject({ position: 1400, crc: crc32c(expected) });
    expect(onDisk(999, 1)[0]).toBe(SENTINEL);
    expect(onDisk(1400, 1)[0]).toBe(SENTINEL);
  });

  it('never writes past its end when the server sends more', async () => {
    const body = [bytes(150, 1), bytes(150, 2)];
    const writer = writerFor(0, 199);
    expect(await feed(writer, body)).toBe('complete');
    expect(onDisk(0, 200)).toEqual(Buffer.concat(body).subarray(0, 200));
    expect(onDisk(200, 100).every((b) => b === SENTINEL)).toBe(true);
    expect(writer.state.crc).toBe(crc32c(Buffer.concat(body).subarray(0, 200)));
  });

  it('reports a body that ends early as eof, with what it did write', async () => {
    const writer = writerFor(0, 999);
    expect(await feed(writer, [bytes(300, 1)])).toBe('eof');
    expect(writer.state.position).toBe(300);
    expect(onDisk(300, 1)[0]).toBe(SENTINEL);
  });

  it('reads to EOF when the end is unknown', async () => {
    const writer = writerFor(0, Infinity);
    expect(await feed(writer, [bytes(10, 1), bytes(20, 2)])).toBe('eof');
    expect(writer.state.position).toBe(30);
  });

  it('continues the CRC of a resumed chunk', async () => {
    const first = bytes(500, 1);
    const rest = bytes(300, 2);
    const writer = new RangeWriter({ fd, position: 500, end: 799, crc: crc32c(first) }, () => undefined);
    await feed(writer, [rest]);
    expect(writer.state.crc).toBe(crc32c(Buffer.concat([first, rest])));
  });

  it('writes bodies larger than one write batch completely', async () => {
    const bigFd = fs.openSync(path.join(dir, 'big.part'), 'w+');
    const pieces = Array.from({ length: 40 }, (_, i) => bytes(64 * 1024 + i, i));
    const total = pieces.reduce((sum, p) => sum + p.length, 0);
    const writer = new RangeWriter(
      { fd: bigFd, position: 0, end: total - 1, crc: 0 },
      () => undefined,
      () => 0,
    );
    expect(await feed(writer, pieces)).toBe('complete');
    expect(fs.readFileSync(path.join(dir, 'big.part')).equals(Buffer.concat(pieces))).toBe(true);
    fs.closeSync(bigFd);
  });
});

describe('RangeWriter.shrink', () => {
  it('stops at the new end when nothing past it was taken yet', async () => {
    let accepted: boolean | undefined;
    const state: RangeWriterState = { fd, position: 0, end: 999, crc: 0 };
    const writer = new RangeWriter(
      state,
      () => undefined,
      () => 0,
    );
    const hook = (index: number) => {
      if (index === 1) accepted = writer.shrink(149);
    };
    expect(await feed(writer, [bytes(100, 1), bytes(900, 2)], hook)).toBe('complete');
    expect(accepted).toBe(true);
    expect(writer.state).toMatchObject({ position: 150, end: 149 });
    expect(onDisk(0, 150)).toEqual(Buffer.concat([bytes(100, 1), bytes(900, 2)]).subarray(0, 150));
    expect(onDisk(150, 850).every((b) => b === SENTINEL)).toBe(true);
  });

  it('refuses when bytes beyond the new end were already taken, even before they reach the disk', async () => {
    let accepted: boolean | undefined;
    const state: RangeWriterState = { fd, position: 0, end: 999, crc: 0 };
    const writer = new RangeWriter(
      state,
      () => undefined,
      () => 0,
    );
    const hook = (index: number) => {
      if (index !== 1) return;
      // A clock that never advances means no flush yet: the first 100 bytes are only buffered.
      expect(writer.state.position).toBe(0);
      accepted = writer.shrink(49);
    };
    expect(await feed(writer, [bytes(100, 1), bytes(900, 2)], hook)).toBe('complete');
    expect(accepted).toBe(false);
    expect(writer.state).toMatchObject({ position: 1000, end: 999 });
  });

  it('accepts a new end right at the bytes already taken', () => {
    const writer = writerFor(0, 999);
    writer.state.position = 100;
    expect(writer.shrink(98)).toBe(false);
    expect(writer.shrink(99)).toBe(true);
    expect(writer.state.end).toBe(99);
  });
});

describe('RangeWriter progress and failures', () => {
  it('reports durable progress at most every interval, even when it writes more often', async () => {
    const bigFd = fs.openSync(path.join(dir, 'progress.part'), 'w+');
    const piece = WRITE_BATCH_BYTES; // a full write batch, so every piece is written at once
    let time = 1_000_000;
    const reports: { at: number; position: number; durable: boolean }[] = [];
    const writer = new RangeWriter(
      { fd: bigFd, position: 0, end: 12 * piece - 1, crc: 0 },
      (state) => {
        const last = Buffer.alloc(1);
        fs.readSync(bigFd, last, 0, 1, state.position - 1);
        reports.push({
          at: time,
          position: state.position,
          durable: last[0] === (state.position / piece - 1) % 251,
        });
      },
      () => time,
    );
    function* body(): Generator<Buffer> {
      for (let i = 0; i < 12; i++) {
        time += PROGRESS_INTERVAL_MS / 4;
        yield Buffer.alloc(piece, i % 251);
      }
    }
    await feed(writer, body());
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.at - reports[i - 1]!.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
    }
    expect(reports.every((r) => r.durable)).toBe(true);
    fs.closeSync(bigFd);
  });

  it('turns a failed write into a FILE_SYSTEM error', async () => {
    const readOnly = fs.openSync(path.join(dir, 'a.bin.part'), 'r');
    const writer = new RangeWriter({ fd: readOnly, position: 0, end: 99, crc: 0 }, () => undefined);
    const error = await feed(writer, [bytes(100, 1)]).catch((err: unknown) => err);
    expect(writer.write(bytes(10, 1), 0, 10)).toBe('stop');
    fs.closeSync(readOnly);
    expect(error).toMatchObject({ code: 'FILE_SYSTEM', retryable: false });
  });
});

describe('RangeWriter after a failed write', () => {
  it('stops the body at the first failed write and ends with that error, counting nothing as written', async () => {
    const readOnly = fs.openSync(path.join(dir, 'a.bin.part'), 'r');
    const writer = new RangeWriter(
      { fd: readOnly, position: 0, end: 10 * WRITE_BATCH_BYTES, crc: 0 },
      () => undefined,
    );
    const piece = bytes(WRITE_BATCH_BYTES + 1000, 3);
    expect(writer.write(piece, 0, piece.length)).toBe('stop');
    expect(writer.write(piece, 0, piece.length)).toBe('stop');
    const error = await writer.finish().catch((err: unknown) => err);
    fs.closeSync(readOnly);
    expect(error).toMatchObject({ code: 'FILE_SYSTEM' });
    expect(writer.state.position).toBe(0);
  });
});

describe('RangeWriter flow control', () => {
  it('holds less than one batch that is not on disk yet, and takes every byte it was given', async () => {
    const bigFd = fs.openSync(path.join(dir, 'flow.part'), 'w+');
    const piece = bytes(200 * 1024, 7);
    const writer = new RangeWriter(
      { fd: bigFd, position: 0, end: 16 * piece.length - 1, crc: 0 },
      () => undefined,
    );
    for (let i = 0; i < 12; i++) {
      expect(writer.write(piece, 0, piece.length)).toBe('more');
      expect(writer.acceptedEnd() - writer.state.position).toBeLessThan(WRITE_BATCH_BYTES);
    }
    expect(writer.acceptedEnd()).toBe(12 * piece.length);
    await writer.finish();
    expect(writer.state.position).toBe(12 * piece.length);
    expect(writer.state.crc).toBe(crc32c(Buffer.concat(Array.from({ length: 12 }, () => piece))));
    fs.closeSync(bigFd);
  });

  it('pauses a limited connection for as long as it overdrew its tokens', async () => {
    let time = 0;
    const throttle = new Throttle(1000, () => time);
    const writer = new RangeWriter(
      { fd, position: 0, end: 3999, crc: 0 },
      () => undefined,
      () => time,
      throttle,
    );
    expect(writer.write(bytes(500, 1), 0, 500)).toBe('pause');
    expect(writer.write(bytes(100, 1), 0, 100)).toBe('pause');
    time += 600;
    expect(writer.write(bytes(10, 1), 0, 10)).toBe('pause');
    time += 10;
    expect(writer.write(bytes(0, 1), 0, 0)).toBe('more');
  });
});

describe('RangeWriter read target', () => {
  it('lets a read land straight in its batch and takes those bytes where they lie, without a copy', async () => {
    const body = bytes(40_000, 9);
    const writer = writerFor(500, 40_499);
    const target = writer.readTarget(Infinity)!;
    body.copy(target, 0, 0, 30_000);
    expect(writer.write(target, 0, 30_000)).toBe('more');
    // The target is the batch itself: a byte changed there now is the byte that reaches the disk.
    target[0] = body[0]! ^ 0xff;
    body[0] = target[0];
    expect(writer.write(body, 30_000, 40_000)).toBe('stop');
    await writer.finish();
    expect(onDisk(500, 40_000)).toEqual(body);
    expect(writer.state.crc).toBe(crc32c(body));
  });

  it('never offers more room than the body has left, nor past its end', () => {
    const writer = writerFor(0, 99_999);
    expect(writer.readTarget(20_000)?.length).toBe(20_000);
    expect(writer.readTarget(Infinity)?.length).toBe(100_000);
    writer.write(bytes(90_000, 1), 0, 90_000);
    expect(writer.readTarget(Infinity)).toBeUndefined();
  });

  it('offers nothing while a limited connection waits for its tokens', () => {
    let time = 0;
    const writer = new RangeWriter(
      { fd, position: 0, end: 99_999, crc: 0 },
      () => undefined,
      () => time,
      new Throttle(1000, () => time),
    );
    expect(writer.write(bytes(500, 1), 0, 500)).toBe('pause');
    expect(writer.readTarget(Infinity)).toBeUndefined();
    time += 1000;
    expect(writer.readTarget(Infinity)).toBeDefined();
  });
});
