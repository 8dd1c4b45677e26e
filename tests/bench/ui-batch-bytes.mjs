// How many bytes one progress batch of a 10 GiB download in 4 MiB chunks (2,560 chunks, a full retry
// log) costs on the wire: as a full snapshot, as the engine sent it before, and as the delta it sends
// now, computed by the real src-shared/progress-delta.ts. Four connections moved since the last batch.
import { fileURLToPath } from 'node:url';

const MIB = 1024 * 1024;
const TOTAL_BYTES = 10 * 1024 * MIB;
const CHUNK_BYTES = 4 * MIB;
const CONNECTIONS = 4;
const PROGRESS_DELTA = fileURLToPath(new URL('../../src-shared/progress-delta.ts', import.meta.url));
const DOWNLOAD_TYPES = fileURLToPath(new URL('../../src-shared/download-types.ts', import.meta.url));

function snapshot(chunks, retries) {
  return {
    id: 'big',
    url: 'http://127.0.0.1/ubuntu-24.04-desktop-amd64.iso',
    directory: '/home/user/Downloads',
    status: 'downloading',
    totalBytes: TOTAL_BYTES,
    downloadedBytes: chunks.reduce((sum, chunk) => sum + chunk.written, 0),
    speedBps: 16 * MIB,
    etaSeconds: 600,
    connections: CONNECTIONS,
    chunks,
    retries,
    integrity: [],
    createdAt: 1_764_547_200_000,
  };
}

/** @returns {Promise<{ chunks: number, retries: number, fullBytes: number, deltaBytes: number }>} */
export async function measureBatchBytes() {
  // Vite loads the TypeScript sources as they are; imported here so the reports need no Vite.
  const { runnerImport } = await import('vite');
  const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: 'warn' })).module;
  const { progressDelta, sentStateOf } = await load(PROGRESS_DELTA);
  const { MAX_RETRY_RECORDS } = await load(DOWNLOAD_TYPES);
  const chunks = Array.from({ length: TOTAL_BYTES / CHUNK_BYTES }, (_, id) => ({
    id,
    start: id * CHUNK_BYTES,
    end: (id + 1) * CHUNK_BYTES - 1,
    written: id < CONNECTIONS ? MIB : 0,
    status: id < CONNECTIONS ? 'active' : 'pending',
    speedBps: id < CONNECTIONS ? 4 * MIB : 0,
    attempts: id < CONNECTIONS ? 1 : 0,
  }));
  const retries = Array.from({ length: MAX_RETRY_RECORDS }, (_, i) => ({
    chunkId: i % 7,
    attempt: 1,
    at: 1_764_547_200_000 + i * 1000,
    error: { code: 'NETWORK', message: 'network error: ECONNRESET', retryable: true },
    nextAttemptAt: 1_764_547_200_500 + i * 1000,
  }));
  const before = snapshot(chunks, retries);
  // A quarter of a second later each connection wrote another MiB.
  const moved = chunks.map((chunk) =>
    chunk.id < CONNECTIONS ? { ...chunk, written: chunk.written + MIB } : chunk,
  );
  const after = snapshot(moved, retries);
  const at = 1_764_547_260_000;
  return {
    chunks: chunks.length,
    retries: retries.length,
    fullBytes: Buffer.byteLength(JSON.stringify({ at, downloads: [after] })),
    deltaBytes: Buffer.byteLength(
      JSON.stringify({ at, downloads: [progressDelta(after, sentStateOf(before))] }),
    ),
  };
}

/** One line for the reports. */
export function batchBytesLine({ chunks, retries, fullBytes, deltaBytes }) {
  return (
    `progress batch of a 10 GiB download in 4 MiB chunks (${chunks} chunks, ${retries} retry records, ` +
    `${CONNECTIONS} connections moving): ${fullBytes.toLocaleString('en-US')} bytes as a full snapshot, ` +
    `${deltaBytes.toLocaleString('en-US')} bytes as a delta`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(batchBytesLine(await measureBatchBytes()));
