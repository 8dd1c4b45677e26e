// What every section needs: a scratch folder, the server lifecycle, expected digests per size, and
// measureCell bound to them. Sections stay declarative (which server, which commands, how often).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasGnuTime } from './bench-exec.mjs';
import { measureCell } from './bench-measure.mjs';
import { objectDigests, startServer } from './bench-server.mjs';

// A backstop only: the session stops its servers itself, also on Ctrl+C.
const SERVER_TTL_S = 7200;

export const RATE_BPS = 8_000_000;
export const SLOW_RATE_BPS = 1_000_000;
export const CAPPED_ARGS = ['--per-conn-rate', '8MB'];
export const STRAGGLER_ARGS = [...CAPPED_ARGS, '--slow-every', '4', '--slow-rate', '1MB'];

/** Seconds a run may take: three times the ideal when the server is capped, else a fixed bound. */
export function timeoutFor(size, aggregateBps) {
  return aggregateBps > 0 ? (3 * size) / aggregateBps + 30 : 180;
}

export async function createSession({ serverPath, tools, log }) {
  const workDir = await mkdtemp(join(tmpdir(), 'pdl-bench-'));
  const timeFile = hasGnuTime() ? join(workDir, 'time.txt') : null;
  const digestCache = new Map();
  const servers = new Set();
  const digests = (size) => {
    if (!digestCache.has(size)) digestCache.set(size, objectDigests(serverPath, size));
    return digestCache.get(size);
  };
  return {
    tools,
    log,
    workDir,
    hasCpuAndRss: timeFile !== null,
    digests,
    /** Runs `body(server)` against a fresh server started with `args`, and always stops it. */
    async withServer(args, body, tls) {
      const server = await startServer({ serverPath, workDir, args, ttlS: SERVER_TTL_S, tls });
      servers.add(server);
      log(`server ${args.join(' ') || '(uncapped)'} at ${server.urlFor(0).replace(/\/gen\/.*/, '')}`);
      try {
        return await body(server);
      } finally {
        await server.stop();
        servers.delete(server);
      }
    },
    /** measureCell with this session's folder, timer and log; `size` picks the expected sha256. */
    async measure(cell) {
      const { sha256 } = await digests(cell.size);
      return measureCell({ ...cell, sha256, workDir, timeFile, log });
    },
    /**
     * Runs the cells in turn, one run each, `reps` times: tools alternate, so load that comes and goes
     * on a shared machine hits them alike and their ratio within one run is fair.
     */
    async measureAlternating(cells, reps) {
      const samples = [];
      for (let rep = 1; rep <= reps; rep++) {
        for (const cell of cells) {
          const sha256 = cell.verify ? null : (await digests(cell.size)).sha256;
          const [sample] = await measureCell({ ...cell, reps: 1, sha256, workDir, timeFile, log });
          samples.push({ ...sample, rep });
        }
      }
      return samples;
    },
    async close() {
      await Promise.all([...servers].map((s) => s.stop()));
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
