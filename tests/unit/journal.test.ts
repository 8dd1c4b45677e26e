import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  JOURNAL_VERSION,
  readJournal,
  removeJournal,
  validateJournal,
  writeJournalAtomically,
  type JournalData,
} from '../../src-main/engine/storage/journal';

function journal(overrides: Partial<JournalData> = {}): JournalData {
  return {
    version: JOURNAL_VERSION,
    url: 'http://127.0.0.1:8080/a.bin',
    finalUrl: 'http://127.0.0.1:8080/files/a.bin',
    fileName: 'a.bin',
    totalBytes: 300,
    etag: '"v1"',
    rangeSupported: true,
    chunks: [
      { start: 0, end: 99, written: 100, crc: 123 },
      { start: 100, end: 199, written: 40, crc: 456 },
      { start: 200, end: 299, written: 0, crc: 0 },
    ],
    ...overrides,
  };
}

function reasonOf(value: unknown): string | undefined {
  const result = validateJournal(value);
  return result.ok ? undefined : result.reason;
}

describe('validateJournal', () => {
  it('accepts a journal whose chunks tile the file', () => {
    expect(validateJournal(journal())).toEqual({ ok: true, journal: journal() });
  });

  it('accepts a journal of a download of unknown size and one without chunks', () => {
    expect(validateJournal(journal({ totalBytes: undefined })).ok).toBe(true);
    expect(validateJournal(journal({ rangeSupported: false, chunks: [] })).ok).toBe(true);
  });

  it.each([null, 42, 'text', [], undefined])('rejects %j as not a journal', (value) => {
    expect(reasonOf(value)).toBeDefined();
  });

  it('rejects another version', () => {
    expect(reasonOf({ ...journal(), version: 2 })).toBe('unknown version');
  });

  it('rejects missing identity or wrongly typed fields', () => {
    expect(reasonOf({ ...journal(), url: undefined })).toBeDefined();
    expect(reasonOf({ ...journal(), fileName: 7 })).toBeDefined();
    expect(reasonOf({ ...journal(), etag: 5 })).toBeDefined();
    expect(reasonOf({ ...journal(), totalBytes: -1 })).toBeDefined();
    expect(reasonOf({ ...journal(), totalBytes: 1.5 })).toBeDefined();
    expect(reasonOf({ ...journal(), rangeSupported: 'yes' })).toBeDefined();
    expect(reasonOf({ ...journal(), chunks: {} })).toBeDefined();
  });

  it('rejects chunks with missing or impossible numbers', () => {
    const bad = [{ start: 0, end: 299, written: 0 }, { start: 0, end: 299, written: -1, crc: 0 }, 7];
    for (const chunk of bad) expect(reasonOf(journal({ chunks: [chunk as never] }))).toBeDefined();
  });

  it('rejects a gap between chunks', () => {
    const chunks = [
      { start: 0, end: 99, written: 0, crc: 0 },
      { start: 101, end: 299, written: 0, crc: 0 },
    ];
    expect(reasonOf(journal({ chunks }))).toBe('chunks do not tile the file');
  });

  it('rejects overlapping chunks', () => {
    const chunks = [
      { start: 0, end: 150, written: 0, crc: 0 },
      { start: 100, end: 299, written: 0, crc: 0 },
    ];
    expect(reasonOf(journal({ chunks }))).toBe('chunks do not tile the file');
  });

  it('rejects a plan that does not start at byte zero or has an inverted chunk', () => {
    expect(reasonOf(journal({ chunks: [{ start: 1, end: 299, written: 0, crc: 0 }] }))).toBeDefined();
    const inverted = [
      { start: 0, end: 99, written: 0, crc: 0 },
      { start: 100, end: 98, written: 0, crc: 0 },
    ];
    expect(reasonOf(journal({ chunks: inverted }))).toBeDefined();
  });

  it('rejects a chunk that claims more bytes than it holds', () => {
    const chunks = [{ start: 0, end: 299, written: 301, crc: 0 }];
    expect(reasonOf(journal({ chunks }))).toBe('chunks do not tile the file');
    expect(reasonOf(journal({ chunks: [{ ...chunks[0]!, written: 300 }] }))).toBeUndefined();
  });

  it('rejects chunks that cover more or less than the file', () => {
    expect(reasonOf(journal({ totalBytes: 301 }))).toBe('chunks do not cover the file');
    expect(reasonOf(journal({ totalBytes: 299 }))).toBe('chunks do not cover the file');
  });
});

describe('journal files', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pdl-journal-'));
    file = path.join(dir, 'a.bin.part.json');
  });

  afterEach(async () => {
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('reads back exactly what was written, leaving no temp file behind', async () => {
    await writeJournalAtomically(file, journal());
    expect(await readJournal(file)).toEqual({ ok: true, journal: journal() });
    expect(await fs.promises.readdir(dir)).toEqual(['a.bin.part.json']);
  });

  it('replaces an older journal as a whole', async () => {
    await writeJournalAtomically(file, journal());
    const later = journal({ chunks: [{ start: 0, end: 299, written: 300, crc: 9 }] });
    await writeJournalAtomically(file, later);
    expect(await readJournal(file)).toEqual({ ok: true, journal: later });
  });

  it('reports a missing journal, a torn one and one that does not add up', async () => {
    expect(await readJournal(file)).toEqual({ ok: false, reason: 'unreadable (ENOENT)' });
    await fs.promises.writeFile(file, JSON.stringify(journal()).slice(0, 40));
    expect(await readJournal(file)).toEqual({ ok: false, reason: 'not valid JSON' });
    await fs.promises.writeFile(file, JSON.stringify(journal({ totalBytes: 1000 })));
    expect(await readJournal(file)).toEqual({ ok: false, reason: 'chunks do not cover the file' });
  });

  it('does not follow a symlink planted at the journal path', async () => {
    const elsewhere = path.join(dir, 'elsewhere.json');
    await fs.promises.writeFile(elsewhere, JSON.stringify(journal()));
    await fs.promises.symlink(elsewhere, file);
    const result = await readJournal(file);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^unreadable \((ELOOP|EMLINK)\)$/);
  });

  it('replaces a symlink at the journal path instead of writing through it', async () => {
    const target = path.join(dir, 'target.txt');
    await fs.promises.writeFile(target, 'keep me');
    await fs.promises.symlink(target, file);
    await writeJournalAtomically(file, journal());
    expect(await fs.promises.readFile(target, 'utf8')).toBe('keep me');
    expect((await fs.promises.lstat(file)).isFile()).toBe(true);
  });

  it('removes the journal and any leftover temp file, and tolerates them missing', async () => {
    await writeJournalAtomically(file, journal());
    await fs.promises.writeFile(`${file}.tmp`, 'partial');
    await removeJournal(file);
    expect(await fs.promises.readdir(dir)).toEqual([]);
    await expect(removeJournal(file)).resolves.toBeUndefined();
  });
});
