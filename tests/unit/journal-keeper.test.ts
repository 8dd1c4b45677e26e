import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  END_FLUSH_MIN_BYTES,
  JOURNAL_INTERVAL_MS,
  JournalKeeper,
  WRITE_BEHIND_BYTES,
  WRITE_BEHIND_CHECK_MS,
} from '../../src-main/engine/storage/journal-keeper';
import { JOURNAL_VERSION, readJournal, type JournalData } from '../../src-main/engine/storage/journal';
import type { Durability } from '../../src-main/engine/storage/atomic-file';
import { FakeClock } from '../support/fake-clock';

const TOTAL = 1024 * 1024 * 1024;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdl-keeper-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function journalOf(written: number): JournalData {
  return {
    version: JOURNAL_VERSION,
    url: 'http://127.0.0.1:8080/big.bin',
    finalUrl: 'http://127.0.0.1:8080/big.bin',
    fileName: 'big.bin',
    totalBytes: TOTAL,
    rangeSupported: true,
    chunks: [{ start: 0, end: TOTAL - 1, written, crc: 0 }],
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A keeper over a running download whose written bytes, size (undefined: unknown) and whether its
 * run closed the test moves; flushes are recorded, or go to `flush` when given.
 */
function keeperFor(flush?: () => Promise<void>) {
  const clock = new FakeClock();
  const journalPath = path.join(dir, 'big.bin.part.json');
  const download: { written: number; total: number | undefined; closed: boolean } = {
    written: 0,
    total: TOTAL,
    closed: false,
  };
  /** writtenBytes at each flush, in order. */
  const flushes: number[] = [];
  const keeper = new JournalKeeper(
    clock,
    () =>
      download.closed
        ? undefined
        : {
            data: () => journalOf(download.written),
            path: journalPath,
            fd: -1,
            writtenBytes: download.written,
            ...(download.total === undefined ? {} : { totalBytes: download.total }),
          },
    flush ??
      (async () => {
        flushes.push(download.written);
      }),
  );
  const journalSays = async (): Promise<number | undefined> => {
    const read = await readJournal(journalPath);
    return read.ok ? read.journal.chunks[0].written : undefined;
  };
  /** Waits for every write the keeper has queued (a save of unchanged state writes nothing). */
  const settled = async (): Promise<void> => {
    await nextTurn();
    await keeper.save(false);
  };
  return { clock, download, flushes, keeper, journalSays, settled };
}

describe('JournalKeeper write-behind', () => {
  it('flushes the part file between journals once enough new data waits, without a journal', async () => {
    const { clock, download, flushes, keeper, journalSays } = keeperFor();
    await keeper.save(true);
    keeper.start();
    // The first journal, written before any data, has nothing to flush.
    expect(flushes).toEqual([]);
    expect(await journalSays()).toBe(0);

    download.written = WRITE_BEHIND_BYTES;
    clock.advance(WRITE_BEHIND_CHECK_MS);
    await nextTurn();

    expect(flushes).toEqual([WRITE_BEHIND_BYTES]);
    expect(await journalSays()).toBe(0);
    keeper.stop();
  });

  it('does not flush again until another full batch of data waits', async () => {
    const { clock, download, flushes, keeper } = keeperFor();
    keeper.start();
    download.written = WRITE_BEHIND_BYTES;
    clock.advance(WRITE_BEHIND_CHECK_MS);
    download.written = WRITE_BEHIND_BYTES + WRITE_BEHIND_BYTES / 2;
    clock.advance(WRITE_BEHIND_CHECK_MS);
    await nextTurn();

    expect(flushes).toHaveLength(1);
    keeper.stop();
  });

  it('leaves a slow download to its once-a-second journal, flushed just before it', async () => {
    const { clock, download, flushes, keeper, journalSays, settled } = keeperFor();
    keeper.start();
    for (let t = 0; t < JOURNAL_INTERVAL_MS; t += WRITE_BEHIND_CHECK_MS) {
      download.written += 64 * 1024;
      clock.advance(WRITE_BEHIND_CHECK_MS);
    }
    await settled();

    // One flush for the whole second, and the journal claims no more than that flush covered.
    expect(flushes).toHaveLength(1);
    expect(await journalSays()).toBe(flushes[0]);
    keeper.stop();
  });

  it('starts counting from what a resumed download already had on disk', async () => {
    const { clock, download, flushes, keeper } = keeperFor();
    download.written = 10 * WRITE_BEHIND_BYTES;
    keeper.start();
    download.written += WRITE_BEHIND_BYTES / 2;
    clock.advance(WRITE_BEHIND_CHECK_MS);
    await nextTurn();

    expect(flushes).toEqual([]);
    keeper.stop();
  });
});

describe('JournalKeeper near the end of a download', () => {
  const MiB = 1024 * 1024;

  it('flushes as new data arrives once more waits than is still to come', async () => {
    const { download, flushes, keeper } = keeperFor();
    download.total = 32 * MiB;
    keeper.start();
    const arrive = async (written: number): Promise<void> => {
      download.written = written;
      keeper.noteWritten();
      await nextTurn();
    };
    await arrive(20 * MiB);
    expect(flushes).toEqual([20 * MiB]);
    // 3 MiB wait, 9 MiB are still to come: not yet.
    await arrive(23 * MiB);
    expect(flushes).toEqual([20 * MiB]);
    await arrive(26 * MiB);
    await arrive(29 * MiB);
    expect(flushes).toEqual([20 * MiB, 26 * MiB, 29 * MiB]);
    keeper.stop();
  });

  it('leaves what takes only milliseconds to flush to the last byte', async () => {
    const { download, flushes, keeper } = keeperFor();
    download.total = 32 * MiB;
    keeper.start();
    download.written = 31 * MiB;
    keeper.noteWritten();
    await nextTurn();
    download.written = 32 * MiB - END_FLUSH_MIN_BYTES / 4;
    keeper.noteWritten();
    await nextTurn();
    // Less than END_FLUSH_MIN_BYTES waits: more than is still to come, but not worth a flush.
    expect(flushes).toEqual([31 * MiB]);
    keeper.stop();
  });

  it('does not flush ahead for a download of unknown size', async () => {
    const { download, flushes, keeper } = keeperFor();
    download.total = undefined;
    keeper.start();
    download.written = WRITE_BEHIND_BYTES / 2;
    keeper.noteWritten();
    await nextTurn();
    expect(flushes).toEqual([]);
    keeper.stop();
  });

  it('does not flush once the transfer has stopped', async () => {
    const { download, flushes, keeper } = keeperFor();
    download.total = 4 * MiB;
    keeper.start();
    keeper.stop();
    download.written = 3 * MiB;
    keeper.noteWritten();
    await nextTurn();
    expect(flushes).toEqual([]);
  });
});

describe('JournalKeeper on a disk slower than the link', () => {
  it('keeps one flush in flight, not a queue of them', async () => {
    let started = 0;
    let finish: () => void = () => undefined;
    const { clock, download, keeper } = keeperFor(() => {
      started++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    keeper.start();
    for (let i = 0; i < 5; i++) {
      download.written += 2 * WRITE_BEHIND_BYTES;
      clock.advance(WRITE_BEHIND_CHECK_MS);
      await nextTurn();
    }
    expect(started).toBe(1);

    // Once it ends, nothing queued behind it starts: the next flush waits for the next check.
    for (let i = 0; i < 4; i++) {
      finish();
      await nextTurn();
    }
    expect(started).toBe(1);
    download.written += 2 * WRITE_BEHIND_BYTES;
    clock.advance(WRITE_BEHIND_CHECK_MS);
    await nextTurn();
    expect(started).toBe(2);
    keeper.stop();
    finish();
  });
});

describe('JournalKeeper saves', () => {
  it('write the state of the moment they were asked for, even once the run has closed', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const flushing = new Promise<void>((resolve) => (started = resolve));
    // A slow flush: the save waits behind it while the run closes.
    const { download, keeper, journalSays } = keeperFor(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          started();
        }),
    );
    download.written = 5 * WRITE_BEHIND_BYTES;
    const saved = keeper.save(true);
    download.closed = true;
    download.written += WRITE_BEHIND_BYTES;
    await Promise.race([flushing, saved]);
    release();
    await saved;

    expect(await journalSays()).toBe(5 * WRITE_BEHIND_BYTES);
  });
});

describe('JournalKeeper settled', () => {
  it('waits for a save already queued, so none runs after the file is placed', async () => {
    let release: () => void = () => undefined;
    const { download, keeper } = keeperFor(() => new Promise<void>((resolve) => (release = resolve)));
    download.written = WRITE_BEHIND_BYTES;
    const saved = keeper.save(false);
    let settled = false;
    const waiting = keeper.settled().then(() => (settled = true));
    await nextTurn();
    expect(settled).toBe(false);

    release();
    await saved;
    await waiting;
    expect(settled).toBe(true);
  });
});

describe('JournalKeeper durability', () => {
  /** A keeper whose journal writes are recorded as [bytes claimed, durability]. */
  function recordingKeeper() {
    const download = { written: 0 };
    const writes: [number, Durability][] = [];
    const keeper = new JournalKeeper(
      new FakeClock(),
      () => ({
        data: () => journalOf(download.written),
        path: path.join(dir, 'big.bin.part.json'),
        fd: -1,
        writtenBytes: download.written,
        totalBytes: TOTAL,
      }),
      async () => undefined,
      async (_file, data, durability = 'durable') => {
        writes.push([data.chunks[0].written, durability]);
      },
    );
    return { download, keeper, writes };
  }

  it('writes the first journal, which claims no bytes, without waiting for the disk', async () => {
    const { keeper, writes } = recordingKeeper();
    await keeper.save(true);
    expect(writes).toEqual([[0, 'crash-safe']]);
  });

  it('makes every journal that claims bytes survive a power cut unless asked otherwise', async () => {
    const { download, keeper, writes } = recordingKeeper();
    download.written = WRITE_BEHIND_BYTES;
    await keeper.save(true);
    download.written = 2 * WRITE_BEHIND_BYTES;
    await keeper.save(true, 'crash-safe');
    expect(writes).toEqual([
      [WRITE_BEHIND_BYTES, 'durable'],
      [2 * WRITE_BEHIND_BYTES, 'crash-safe'],
    ]);
  });
});
