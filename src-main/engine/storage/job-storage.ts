// Finds where a download's bytes live: the part file and journal of an earlier run of the same URL
// (resume), or a freshly reserved part file. A journal is trusted only when it adds up and still
// describes the same remote file.
import fs from 'node:fs';
import { DownloadError } from '../errors';
import type { RangeExpectation } from '../fetch/worker-protocol';
import { alternativeFileName } from '../naming/sanitize-file-name';
import { planChunks, type PlanOptions } from '../plan/chunk-planner';
import type { PersistedChunk } from '../plan/chunk-scheduler';
import type { RemoteIdentity } from '../plan/probe-result';
import { readJournal, removeJournal, type JournalData } from './journal';
import { checkFreeSpace, createPartFile, openPartFile, pathsFor, type DownloadPaths } from './part-file';

const MAX_RESUME_CANDIDATES = 100;

export interface RemoteFile extends RemoteIdentity {
  url: string;
  totalBytes?: number;
  rangeSupported: boolean;
}

/** What every ranged response must match, and the validator sent as If-Range. */
export function expectationOf(remote: RemoteFile): { expect: RangeExpectation; ifRange?: string } {
  const expect: RangeExpectation = { totalBytes: remote.totalBytes ?? 0 };
  if (remote.etag) expect.etag = remote.etag;
  if (remote.lastModified) expect.lastModified = remote.lastModified;
  const ifRange = remote.etag ?? remote.lastModified;
  return ifRange ? { expect, ifRange } : { expect };
}

export interface PreparedStorage {
  paths: DownloadPaths;
  fileName: string;
  fd: number;
  chunks: PersistedChunk[];
  resumed: boolean;
}

export function sameRemoteFile(journal: JournalData, remote: RemoteFile): boolean {
  if (journal.totalBytes !== remote.totalBytes) return false;
  if (journal.etag && remote.etag) return journal.etag === remote.etag;
  if (journal.lastModified && remote.lastModified) return journal.lastModified === remote.lastModified;
  return !journal.etag && !journal.lastModified;
}

function freshChunks(remote: RemoteFile, plan: PlanOptions): PersistedChunk[] {
  if (remote.totalBytes === undefined) return [];
  if (!remote.rangeSupported) {
    return remote.totalBytes > 0 ? [{ start: 0, end: remote.totalBytes - 1, written: 0, crc: 0 }] : [];
  }
  return planChunks(remote.totalBytes, plan).map((range) => ({ ...range, written: 0, crc: 0 }));
}

/** Bytes the journal claims beyond the part file's length were lost: those chunks start over. */
function trustedChunks(journal: JournalData, partSize: number): PersistedChunk[] {
  return journal.chunks.map((chunk) =>
    chunk.start + chunk.written <= partSize || chunk.written === 0 ? chunk : { ...chunk, written: 0, crc: 0 },
  );
}

async function resumeFrom(paths: DownloadPaths, journal: JournalData, remote: RemoteFile, plan: PlanOptions) {
  const { fd, size } = await openPartFile(paths.partPath);
  const chunks =
    journal.rangeSupported && remote.rangeSupported && journal.chunks.length > 0
      ? trustedChunks(journal, size)
      : freshChunks(remote, plan);
  return { paths, fileName: journal.fileName, fd, chunks, resumed: true };
}

/**
 * Looks for an earlier run's journal for the same URL under `fileName` and its numbered variants.
 * Throws REMOTE_CHANGED when one exists but the remote file is no longer the same.
 */
async function findResumable(
  directory: string,
  fileName: string,
  remote: RemoteFile,
  plan: PlanOptions,
  knownPaths: DownloadPaths | undefined,
  restart: boolean,
): Promise<PreparedStorage | undefined> {
  const candidates = knownPaths
    ? [knownPaths]
    : Array.from({ length: MAX_RESUME_CANDIDATES }, (_, n) =>
        pathsFor(directory, alternativeFileName(fileName, n)),
      );
  for (const paths of candidates) {
    const read = await readJournal(paths.journalPath);
    if (!read.ok) {
      if (knownPaths) await removeJournal(paths.journalPath);
      continue;
    }
    if (read.journal.url !== remote.url) continue;
    if (restart) {
      // The user chose to start over: the old bytes are removed, never mixed with new ones.
      await fs.promises.rm(paths.partPath, { force: true });
      await removeJournal(paths.journalPath);
      return undefined;
    }
    if (!sameRemoteFile(read.journal, remote)) {
      throw new DownloadError('REMOTE_CHANGED', 'remote file changed since the download started');
    }
    return resumeFrom(paths, read.journal, remote, plan);
  }
  return undefined;
}

function writtenBytes(journal: JournalData): number {
  return journal.chunks.reduce((sum, chunk) => sum + chunk.written, 0);
}

/**
 * This process's record and the journal on disk both describe bytes that are on disk (the journal
 * is written only after a flush); when the disk was full the journal lags, so the one that claims
 * more is used.
 */
async function furthest(
  paths: DownloadPaths,
  inMemory: JournalData,
  remote: RemoteFile,
): Promise<JournalData> {
  const onDisk = await readJournal(paths.journalPath);
  if (!onDisk.ok || onDisk.journal.url !== remote.url || !sameRemoteFile(onDisk.journal, remote))
    return inMemory;
  return writtenBytes(onDisk.journal) > writtenBytes(inMemory) ? onDisk.journal : inMemory;
}

export async function prepareStorage(input: {
  directory: string;
  fileName: string;
  remote: RemoteFile;
  plan: PlanOptions;
  knownPaths?: DownloadPaths;
  /** This process's own record of the same download, newer than any journal on disk. */
  inMemory?: JournalData;
  restart?: boolean;
}): Promise<PreparedStorage> {
  const { directory, fileName, remote, plan, knownPaths, inMemory } = input;
  if (
    knownPaths &&
    inMemory &&
    !input.restart &&
    inMemory.url === remote.url &&
    sameRemoteFile(inMemory, remote)
  ) {
    const best = await furthest(knownPaths, inMemory, remote);
    const resumed = await resumeFrom(knownPaths, best, remote, plan).catch(() => undefined);
    if (resumed) return resumed;
  }
  const resumable = await findResumable(
    directory,
    fileName,
    remote,
    plan,
    knownPaths,
    input.restart ?? false,
  );
  if (resumable) return resumable;
  if (knownPaths) {
    // Our own part file without a usable journal: its bytes cannot be trusted, so start over in place.
    await fs.promises.rm(knownPaths.partPath, { force: true });
    await removeJournal(knownPaths.journalPath);
  }
  await checkFreeSpace(directory, remote.totalBytes ?? 0);
  const created = await createPartFile(directory, fileName, remote.totalBytes);
  return { ...created, chunks: freshChunks(remote, plan), resumed: false };
}
