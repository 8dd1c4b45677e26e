// Measures one cell (tool x scenario x settings) REPS times. Every run starts from an empty folder
// and a reset server, and counts only when the command exits 0 and the file's sha256 is the expected.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { runMeasured } from './bench-exec.mjs';
import { OUTPUT_NAME } from './bench-tools.mjs';

const MB = 1e6;

async function sha256Of(file) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

export async function verifyOutput(file, size, sha256) {
  const info = await stat(file).catch(() => null);
  if (!info) return 'no output file';
  if (info.size !== size) return `size ${info.size} instead of ${size}`;
  return (await sha256Of(file)) === sha256 ? null : 'sha256 differs from the expected';
}

/** pdl --json: seconds from the `verifying` status event to the `completed` one, and the results. */
function integrityFromEvents(lines) {
  let verifyingAt = null;
  let completed = null;
  for (const { atMs, text } of lines) {
    if (!text.startsWith('{"event":"status"')) continue;
    const { download } = JSON.parse(text);
    if (download.status === 'verifying' && verifyingAt === null) verifyingAt = atMs;
    if (download.status === 'completed') completed = { atMs, integrity: download.integrity ?? [] };
  }
  if (verifyingAt === null || !completed) return { verifyLatencyS: null, integrity: [] };
  return {
    verifyLatencyS: (completed.atMs - verifyingAt) / 1000,
    integrity: completed.integrity.map((r) => `${r.algorithm}:${r.status}`),
  };
}

/** The line of a stderr tail that names the error (a Node crash ends with its version, not the cause). */
function errorLine(stderr) {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /^(\w*Error\b|error:)|: (failed|error)/i.test(l)) ?? lines.pop() ?? 'no stderr';
}

function failureOf(result, verifyError, integrity, expectVerified) {
  if (result.timedOut) return 'timeout';
  if (result.exitCode !== 0) return `exit ${result.exitCode}: ${errorLine(result.stderrTail)}`;
  if (verifyError) return verifyError;
  if (expectVerified && !(integrity.length > 0 && integrity.every((r) => r.endsWith(':verified')))) {
    return `integrity not verified (${integrity.join(', ') || 'no results'})`;
  }
  return null;
}

/**
 * @param {{ server: { reset(): Promise<unknown>, stats(): Promise<Record<string, unknown>> },
 *   build: (dir: string) => import('./bench-tools.mjs').ToolCommand, labels: Record<string, unknown>,
 *   size: number, sha256: string, reps: number, timeoutS: number, workDir: string,
 *   timeFile: string | null, expectVerified?: boolean, log: (line: string) => void,
 *   verify?: (dir: string) => Promise<string | null> }} cell
 */
export async function measureCell(cell) {
  const samples = [];
  for (let rep = 1; rep <= cell.reps; rep++) {
    const dir = join(cell.workDir, 'run');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // Dirty pages of the previous run must not be written back during this one.
    spawnSync('sync');
    await cell.server.reset();
    const command = cell.build(dir);
    const result = await runMeasured({ ...command, timeoutS: cell.timeoutS, timeFile: cell.timeFile });
    const stats = await cell.server.stats().catch(() => ({}));
    const verifyError =
      result.exitCode !== 0
        ? null
        : cell.verify
          ? await cell.verify(dir)
          : await verifyOutput(join(dir, OUTPUT_NAME), cell.size, cell.sha256);
    await rm(dir, { recursive: true, force: true });
    const { verifyLatencyS, integrity } = command.json
      ? integrityFromEvents(result.lines)
      : { verifyLatencyS: null, integrity: [] };
    const failure = failureOf(result, verifyError, integrity, cell.expectVerified === true);
    const sample = {
      ...cell.labels,
      tool: command.tool,
      size: cell.size,
      rep,
      ok: failure === null,
      failure,
      stderrTail: failure ? result.stderrTail : null,
      wallS: result.wallS,
      mbps: cell.size / result.wallS / MB,
      userS: result.userS,
      sysS: result.sysS,
      cpuS: result.userS === null ? null : result.userS + result.sysS,
      maxRssBytes: result.maxRssBytes,
      verifyLatencyS,
      integrity,
      serverConnections: stats.conns ?? null,
      serverRequests: stats.requests ?? null,
    };
    samples.push(sample);
    cell.log(describe(sample, cell.reps));
  }
  return samples;
}

function describe(s, reps) {
  const where = [s.scenario, s.tool, `n=${s.connections}`, s.chunkSize ? `chunk=${s.chunkSize}` : '']
    .filter(Boolean)
    .join(' ');
  const cpu =
    s.cpuS === null ? '' : ` cpu ${s.cpuS.toFixed(2)} s, rss ${(s.maxRssBytes / MB).toFixed(0)} MB,`;
  const latency = s.verifyLatencyS === null ? '' : ` verify ${s.verifyLatencyS.toFixed(3)} s,`;
  return (
    `${where} rep ${s.rep}/${reps}: ${s.wallS.toFixed(2)} s, ${s.mbps.toFixed(1)} MB/s,${cpu}${latency} ` +
    `srv ${s.serverConnections}/${s.serverRequests} conns/reqs, ${s.ok ? 'ok' : `FAILED: ${s.failure}`}`
  );
}
