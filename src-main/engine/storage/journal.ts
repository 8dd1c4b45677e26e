// The resume journal beside the part file. Written atomically (see atomic-file.ts), only when it
// changed, and only after the part file's data was flushed, so it never claims bytes not on disk.
import fs from 'node:fs';
import type { PersistedChunk } from '../plan/chunk-scheduler';
import { atomicTempPath, nodeAtomicFileSystem, writeFileAtomic, type Durability } from './atomic-file';

export const JOURNAL_VERSION = 1;

export interface JournalData {
  version: typeof JOURNAL_VERSION;
  url: string;
  finalUrl: string;
  fileName: string;
  totalBytes?: number;
  etag?: string;
  lastModified?: string;
  rangeSupported: boolean;
  chunks: PersistedChunk[];
}

export type JournalRead = { ok: true; journal: JournalData } | { ok: false; reason: string };

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** Structural and arithmetic checks: a journal that does not add up is not trusted. */
export function validateJournal(value: unknown): JournalRead {
  const data = value as Partial<JournalData> | null;
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'not an object' };
  if (data.version !== JOURNAL_VERSION) return { ok: false, reason: 'unknown version' };
  if (
    typeof data.url !== 'string' ||
    typeof data.finalUrl !== 'string' ||
    typeof data.fileName !== 'string'
  ) {
    return { ok: false, reason: 'missing url or file name' };
  }
  if (!optionalString(data.etag) || !optionalString(data.lastModified))
    return { ok: false, reason: 'bad validators' };
  if (data.totalBytes !== undefined && !isCount(data.totalBytes)) return { ok: false, reason: 'bad size' };
  if (typeof data.rangeSupported !== 'boolean' || !Array.isArray(data.chunks)) {
    return { ok: false, reason: 'bad chunk list' };
  }
  let expectedStart = 0;
  for (const chunk of data.chunks as unknown[]) {
    if (typeof chunk !== 'object' || chunk === null) return { ok: false, reason: 'bad chunk' };
    const c = chunk as Partial<PersistedChunk>;
    if (!isCount(c.start) || !isCount(c.end) || !isCount(c.written) || !isCount(c.crc)) {
      return { ok: false, reason: 'bad chunk' };
    }
    if (c.start !== expectedStart || c.end < c.start || c.written > c.end - c.start + 1) {
      return { ok: false, reason: 'chunks do not tile the file' };
    }
    expectedStart = c.end + 1;
  }
  if (data.totalBytes !== undefined && data.chunks.length > 0 && expectedStart !== data.totalBytes) {
    return { ok: false, reason: 'chunks do not cover the file' };
  }
  return { ok: true, journal: data as JournalData };
}

export async function readJournal(file: string): Promise<JournalRead> {
  let text: string;
  try {
    const handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { ok: false, reason: `unreadable (${(err as { code?: string }).code ?? 'error'})` };
  }
  try {
    return validateJournal(JSON.parse(text));
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
}

/** Atomic replace: readers see the old or the new journal, never a torn one. */
export function writeJournalAtomically(
  file: string,
  data: JournalData,
  durability: Durability = 'durable',
): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(data), nodeAtomicFileSystem, durability);
}

export async function removeJournal(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
  await fs.promises.rm(atomicTempPath(file), { force: true });
}
