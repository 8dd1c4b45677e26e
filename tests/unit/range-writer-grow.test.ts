// A first response (`bytes=0-`) asked to run on past its chunk: the writer takes the rest of the
// body only while it has not said 'stop' yet, so no byte is lost between the two ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RangeWriter } from '../../src-main/engine/fetch/range-writer';

let dir: string;
let fd: number;

function bytes(length: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) % 251));
}

function writerFor(end: number): RangeWriter {
  return new RangeWriter(
    { fd, position: 0, end, crc: 0 },
    () => undefined,
    () => 0,
  );
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-range-grow-'));
  fd = fs.openSync(path.join(dir, 'a.bin.part'), 'w+');
});

afterEach(() => {
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('RangeWriter.grow', () => {
  it('takes the body on to the new end when raised before its old end was reached', async () => {
    const body = bytes(1000, 3);
    const writer = writerFor(399);
    expect(writer.write(body, 0, 300)).toBe('more');
    expect(writer.grow(999)).toBe(true);
    expect(writer.write(body, 300, 1000)).toBe('stop');
    await writer.finish();
    expect(writer.state).toMatchObject({ position: 1000, end: 999, crc: crc32c(body) });
    expect(fs.readFileSync(path.join(dir, 'a.bin.part')).equals(body)).toBe(true);
  });

  it('refuses once the body reached its end: the response has been let go', async () => {
    const body = bytes(1000, 4);
    const writer = writerFor(399);
    expect(writer.write(body, 0, 1000)).toBe('stop');
    expect(writer.grow(999)).toBe(false);
    await writer.finish();
    expect(writer.state).toMatchObject({ position: 400, end: 399 });
  });

  it('accepts a body that stopped exactly one byte short of its end', () => {
    const writer = writerFor(399);
    expect(writer.write(bytes(399, 5), 0, 399)).toBe('more');
    expect(writer.grow(999)).toBe(true);
    expect(writer.state.end).toBe(999);
  });

  it('never lowers the end (that is a shrink)', () => {
    const writer = writerFor(399);
    expect(writer.grow(100)).toBe(false);
    expect(writer.state.end).toBe(399);
  });
});
