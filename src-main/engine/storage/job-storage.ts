// Finds where a download's bytes live: the part file and journal of an earlier run of the same URL
// (resume), or a freshly reserved part file. Either way the name is locked first (or still locked
// by the download's earlier run in this process), so no two downloads share a part file. A journal
// is trusted only when it adds up, still describes the same remote file, and the bytes it calls
// done still match their CRC-32Cs.
import fs from 'node:fs';
import path from 'node:path';
import { DownloadError } from '../errors';
import type { RangeExpectation } from '../fetch/worker-protocol';
import { alternativeFileName } from '../naming/sanitize-file-name';
import { planChunks, type PlanOptions } from '../plan/chunk-planner';
import type { PersistedChunk } from '../plan/chunk-scheduler';
import type { RemoteIdentity } from '../plan/probe-result';
import { verifiedChunks } from './chunk-check';
import { readJournal, removeJournal, type JournalData } from './journal';
import { lockName, type NameLock } from './name-lock';
import { closeFile, createPartFile, namesIn, openPartFile, pathsFor, type DownloadPaths } from './part-file';
import { checkSpace } from './free-space';

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
  /** Bytes an earlier run left that cannot be continued (the server no longer accepts ranges). */
  discardedBytes: number;
  /** Held while the download exists unfinished; the job releases it when it completes or ends. */
  lock: NameLock;
  /** For a body of unknown length: the bytes it may take before the folder's margin is reached. */
  roomBytes?: number;
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

async function resumeFrom(
  paths: DownloadPaths,
  journal: JournalData,
  remote: RemoteFile,
  plan: PlanOptions,
): Promise<Omit<PreparedStorage, 'lock'>> {
  const { fd, size } = await openPartFile(paths.partPath);
  try {
    const continues = journal.rangeSupported && remote.rangeSupported && journal.chunks.length > 0;
    const chunks = continues
      ? await verifiedChunks(fd, paths.partPath, trustedChunks(journal, size))
      : freshChunks(remote, plan);
    const discardedBytes = continues ? 0 : writtenBytes(journal);
    return { paths, fileName: journal.fileName, fd, chunks, resumed: true, discardedBytes };
  } catch (err) {
    await closeFile(fd);
    throw err;
  }
}

/**
 * Resumes the earlier run under `paths` when its journal is for the same URL, or clears it when the
 * user asked to restart. Called with the name locked. Throws REMOTE_CHANGED when the journal is for
 * this URL but the remote file is no longer the same.
 */
async function resumeUnder(
  paths: DownloadPaths,
  remote: RemoteFile,
  plan: PlanOptions,
  restart: boolean,
): Promise<Omit<PreparedStorage, 'lock'> | undefined> {
  const read = await readJournal(paths.journalPath);
  if (!read.ok || read.journal.url !== remote.url) return undefined;
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

/** Runs `use` with the name locked; the lock is kept only with what `use` returned. */
async function withLock(
  lock: NameLock,
  use: () => Promise<Omit<PreparedStorage, 'lock'> | undefined>,
): Promise<PreparedStorage | undefined> {
  try {
    const prepared = await use();
    if (prepared) return { ...prepared, lock };
  } catch (err) {
    await lock.release();
    throw err;
  }
  await lock.release();
  return undefined;
}

/**
 * Looks for an earlier run's journal for the same URL under `fileName` and its numbered variants,
 * skipping names another living run holds: another download's journal is never resumed.
 */
async function findResumable(
  directory: string,
  fileName: string,
  remote: RemoteFile,
  plan: PlanOptions,
  restart: boolean,
  listed: ReadonlySet<string>,
): Promise<PreparedStorage | undefined> {
  for (let n = 0; n < MAX_RESUME_CANDIDATES; n++) {
    const paths = pathsFor(directory, alternativeFileName(fileName, n));
    if (!listed.has(path.basename(paths.journalPath))) continue;
    const read = await readJournal(paths.journalPath);
    if (!read.ok || read.journal.url !== remote.url) continue;
    const lock = await lockName(paths.partPath);
    if (!lock) continue;
    // Read again under the lock: the run that held it may have finished or restarted meanwhile.
    const resumed = await withLock(lock, () => resumeUnder(paths, remote, plan, restart));
    if (resumed) return resumed;
    if (restart) return undefined;
  }
  return undefined;
}

/**
 * This process's earlier run of the download kept its bytes under `paths`. When the name is free
 * again they are resumed, or, without a usable journal, removed: unverifiable bytes are never kept.
 */
async function resumeKnown(
  paths: DownloadPaths,
  remote: RemoteFile,
  plan: PlanOptions,
  inMemory: JournalData | undefined,
  restart: boolean,
  heldLock: NameLock | undefined,
): Promise<PreparedStorage | undefined> {
  const lock = heldLock?.isHeld() ? heldLock : await lockName(paths.partPath);
  // Another process resumed the same URL there while this one was stopped: its name now.
  if (!lock) return undefined;
  return withLock(lock, async () => {
    if (inMemory && !restart && inMemory.url === remote.url && sameRemoteFile(inMemory, remote)) {
      const best = await furthest(paths, inMemory, remote);
      const resumed = await resumeFrom(paths, best, remote, plan).catch(() => undefined);
      if (resumed) return resumed;
    }
    const resumed = await resumeUnder(paths, remote, plan, restart);
    if (resumed) return resumed;
    await fs.promises.rm(paths.partPath, { force: true });
    await removeJournal(paths.journalPath);
    return undefined;
  });
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
  /** The lock this download kept on `knownPaths` since its earlier run. */
  heldLock?: NameLock;
  /** This process's own record of the same download, newer than any journal on disk. */
  inMemory?: JournalData;
  restart?: boolean;
}): Promise<PreparedStorage> {
  const { directory, fileName, remote, plan, knownPaths, inMemory } = input;
  const restart = input.restart ?? false;
  const resumable = knownPaths
    ? await resumeKnown(knownPaths, remote, plan, inMemory, restart, input.heldLock)
    : await findResumable(directory, fileName, remote, plan, restart, await namesIn(directory));
  if (resumable) {
    // A resume needs room only for what its part file does not hold yet; a run that cannot start
    // lets go of the name.
    const roomBytes = await checkSpace(directory, remote.totalBytes, resumable.fd).catch(async (err) => {
      await closeFile(resumable.fd);
      await resumable.lock.release();
      throw err;
    });
    return { ...resumable, ...(roomBytes === undefined ? {} : { roomBytes }) };
  }
  // Listed again: looking for a resumable run may have removed what a restart discards.
  const [roomBytes, names] = await Promise.all([
    checkSpace(directory, remote.totalBytes),
    namesIn(directory),
  ]);
  const created = await createPartFile(directory, fileName, remote.totalBytes, names);
  const chunks = freshChunks(remote, plan);
  return {
    ...created,
    chunks,
    resumed: false,
    discardedBytes: 0,
    ...(roomBytes === undefined ? {} : { roomBytes }),
  };
}
