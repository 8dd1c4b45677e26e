import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { crc32c } from '@node-rs/crc32';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import {
  PROGRESS_INTERVAL_MS,
  RangeWriter,
  type RangeWriterState,
} from '../../src-main/engine/fetch/range-writer';
import { Throttle } from '../../src-main/engine/fetch/throttle';

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
    expect(await writer.consume(Readable.from(body), 5000)).toBe('complete');
    const expected = Buffer.concat(body);
    expect(onDisk(1000, 400)).toEqual(expected);
    expect(writer.state).toMatchObject({ position: 1400, crc: crc32c(expected) });
    expect(onDisk(999, 1)[0]).toBe(SENTINEL);
    expect(onDisk(1400, 1)[0]).toBe(SENTINEL);
  });

  it('never writes past its end when the server sends more', async () => {
    const body = [bytes(150, 1), bytes(150, 2)];
    const writer = writerFor(0, 199);
    expect(await writer.consume(Readable.from(body), 5000)).toBe('complete');
    expect(onDisk(0, 200)).toEqual(Buffer.concat(body).subarray(0, 200));
    expect(onDisk(200, 100).every((b) => b === SENTINEL)).toBe(true);
    expect(writer.state.crc).toBe(crc32c(Buffer.concat(body).subarray(0, 200)));
  });

  it('reports a body that ends early as eof, with what it did write', async () => {
    const writer = writerFor(0, 999);
    expect(await writer.consume(Readable.from([bytes(300, 1)]), 5000)).toBe('eof');
    expect(writer.state.position).toBe(300);
    expect(onDisk(300, 1)[0]).toBe(SENTINEL);
  });

  it('reads to EOF when the end is unknown', async () => {
    const writer = writerFor(0, Infinity);
    expect(await writer.consume(Readable.from([bytes(10, 1), bytes(20, 2)]), 5000)).toBe('eof');
    expect(writer.state.position).toBe(30);
  });

  it('continues the CRC of a resumed chunk', async () => {
    const first = bytes(500, 1);
    const rest = bytes(300, 2);
    const writer = new RangeWriter({ fd, position: 500, end: 799, crc: crc32c(first) }, () => undefined);
    await writer.consume(Readable.from([rest]), 5000);
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
    expect(await writer.consume(Readable.from(pieces), 5000)).toBe('complete');
    expect(fs.readFileSync(path.join(dir, 'big.part'))).toEqual(Buffer.concat(pieces));
    fs.closeSync(bigFd);
  });
});

/** Calls `beforeChunk(n)` as each body chunk reaches the writer, i.e. after chunks 0..n-1 were taken. */
class ChunkHook extends Throttle {
  private count = 0;
  constructor(private readonly beforeChunk: (index: number) => void) {
    super(0);
  }
  // Reports itself limited so the writer consults it before every network read.
  override get limited(): boolean {
    return true;
  }
  override take(): Promise<void> {
    this.beforeChunk(this.count++);
    return Promise.resolve();
  }
}

describe('RangeWriter.shrink', () => {
  it('stops at the new end when nothing past it was taken yet', async () => {
    let accepted: boolean | undefined;
    const state: RangeWriterState = { fd, position: 0, end: 999, crc: 0 };
    const hook = new ChunkHook((index) => {
      if (index === 1) accepted = writer.shrink(149);
    });
    const writer = new RangeWriter(
      state,
      () => undefined,
      () => 0,
      hook,
    );
    expect(await writer.consume(Readable.from([bytes(100, 1), bytes(900, 2)]), 5000)).toBe('complete');
    expect(accepted).toBe(true);
    expect(writer.state).toMatchObject({ position: 150, end: 149 });
    expect(onDisk(0, 150)).toEqual(Buffer.concat([bytes(100, 1), bytes(900, 2)]).subarray(0, 150));
    expect(onDisk(150, 850).every((b) => b === SENTINEL)).toBe(true);
  });

  it('refuses when bytes beyond the new end were already taken, even before they reach the disk', async () => {
    let accepted: boolean | undefined;
    const state: RangeWriterState = { fd, position: 0, end: 999, crc: 0 };
    const hook = new ChunkHook((index) => {
      if (index !== 1) return;
      // A clock that never advances means no flush yet: the first 100 bytes are only buffered.
      expect(writer.state.position).toBe(0);
      accepted = writer.shrink(49);
    });
    const writer = new RangeWriter(
      state,
      () => undefined,
      () => 0,
      hook,
    );
    expect(await writer.consume(Readable.from([bytes(100, 1), bytes(900, 2)]), 5000)).toBe('complete');
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
    const piece = 1024 * 1024; // a full write batch, so every piece is written at once
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
    async function* body(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 12; i++) {
        time += PROGRESS_INTERVAL_MS / 4;
        yield Buffer.alloc(piece, i % 251);
      }
    }
    await writer.consume(Readable.from(body()), 5000);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.at - reports[i - 1]!.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
    }
    expect(reports.every((r) => r.durable)).toBe(true);
    fs.closeSync(bigFd);
  });

  it('fails a stalled body with a retryable TIMEOUT, keeping the bytes that arrived', async () => {
    const body = new PassThrough();
    body.write(bytes(64, 1));
    const writer = writerFor(0, 999);
    const error = await writer.consume(body, 50).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(writer.state.position).toBe(64);
    expect(onDisk(0, 64)).toEqual(bytes(64, 1));
  });

  it('turns a failed write into a FILE_SYSTEM error', async () => {
    const readOnly = fs.openSync(path.join(dir, 'a.bin.part'), 'r');
    const writer = new RangeWriter({ fd: readOnly, position: 0, end: 99, crc: 0 }, () => undefined);
    const error = await writer.consume(Readable.from([bytes(100, 1)]), 5000).catch((err: unknown) => err);
    fs.closeSync(readOnly);
    expect(error).toMatchObject({ code: 'FILE_SYSTEM', retryable: false });
  });
});
