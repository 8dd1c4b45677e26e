// What a run learns from the first response before any byte is written: the remote file, its name,
// the checksums to verify, whether it fits the size cap, and where its bytes go (the part file found
// again or created, with its chunk plan).
import type { FirstResponse } from '../fetch/first-request';
import { DownloadVerifier } from '../integrity/download-verifier';
import { parseReferenceHeaders } from '../integrity/reference-headers';
import { userReferences } from '../integrity/verify-results';
import { chooseFileName } from '../naming/sanitize-file-name';
import { ChunkScheduler } from '../plan/chunk-scheduler';
import { interpretProbe } from '../plan/probe-result';
import { hasContentEncoding } from '../plan/response-check';
import { prepareStorage, type PreparedStorage, type RemoteFile } from '../storage/job-storage';
import { checkSizeCap, sizeCapOf } from './body-limit';
import { warmConnections } from './connection-warmup';
import type { RunSetup } from './job-run';

export interface OpenedRun {
  remote: RemoteFile;
  storage: PreparedStorage;
  scheduler: ChunkScheduler;
  verifier: DownloadVerifier;
  /** Connections opened while the storage was prepared; the run releases those it does not use. */
  warmed: string[];
}

export async function openRunStorage(setup: RunSetup, response: FirstResponse): Promise<OpenedRun> {
  const { options, settings } = setup;
  const result = interpretProbe(response.meta, setup.env.clock.now());
  const remote: RemoteFile = {
    ...result,
    url: options.url,
    totalBytes: result.kind === 'empty' ? 0 : result.totalBytes,
    rangeSupported: result.kind === 'ranged',
  };
  const fileName =
    setup.known?.fileName ??
    chooseFileName({
      finalUrl: result.finalUrl,
      ...(result.contentDisposition ? { contentDisposition: result.contentDisposition } : {}),
      ...(options.fileName ? { userFileName: options.fileName } : {}),
    });
  // References are read before the name is locked: a bad checksum option then holds nothing.
  const bytesAreDecoded = hasContentEncoding(response.meta.headers);
  const serverRefs = parseReferenceHeaders(response.meta.headers, { bytesAreDecoded }).references;
  const references = [...userReferences(options.checksums ?? []), ...serverRefs];
  // Over the cap: nothing is reserved or written.
  checkSizeCap(remote.totalBytes, sizeCapOf(options, settings));
  const warmed = result.kind === 'ranged' ? warmConnections(setup, result.finalUrl, result.totalBytes) : [];
  const storage = await prepareStorage({
    directory: setup.directory,
    fileName,
    remote,
    plan: {
      connections: setup.budget.grant(),
      chunkSizeBytes: options.chunkSizeBytes ?? settings.chunkSizeBytes,
      minSplitBytes: settings.minSplitBytes,
    },
    ...(setup.known ? { knownPaths: setup.known.paths } : {}),
    ...(setup.known?.lock ? { heldLock: setup.known.lock } : {}),
    ...(setup.inMemory ? { inMemory: setup.inMemory } : {}),
    restart: options.restart === true,
  }).catch((err: unknown) => {
    for (const key of warmed) setup.env.pool.release(key);
    if (warmed.length > 0) setup.onOpenedAhead(0);
    throw err;
  });
  const verifier = new DownloadVerifier(references);
  const scheduler = new ChunkScheduler(storage.chunks, settings.minSplitBytes, settings.maxRetries);
  return { remote, storage, scheduler, verifier, warmed };
}
