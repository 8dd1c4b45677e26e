// Integrity cost. pdl with a SHA-256 and a CRC-32C reference reports `verifying` when the last byte
// is in and `completed` once both matched; the gap between the two events is its time to verified.
// aria2c hashes after the download, so its cost is its wall time with --checksum minus without.
// Scenarios: I (uncapped: throughput, and the hasher's worst case) and I-T (8 x 8 MB/s, realistic).
import { measureFdatasyncS } from './bench-disk.mjs';
import { aria2cCommand, pdlCommand } from './bench-tools.mjs';
import { CAPPED_ARGS, RATE_BPS, timeoutFor } from './bench-session.mjs';
import { TARGET_CONNECTIONS } from './section-targets.mjs';

/** @returns {Promise<{ samples: object[], fdatasyncS: number | null }>} */
export async function runIntegrity(session, opts) {
  const size = opts.size;
  const connections = TARGET_CONNECTIONS;
  const checksums = await session.digests(size);
  const samples = [];
  const conditions = [
    { scenario: 'I', args: [], rateBps: 0, withAria2c: true },
    { scenario: 'I-T', args: CAPPED_ARGS, rateBps: RATE_BPS, withAria2c: false },
  ];
  for (const { scenario, args, rateBps, withAria2c } of conditions) {
    await session.withServer(args, async (server) => {
      const url = server.urlFor(size);
      const cell = { server, size, reps: opts.reps, timeoutS: timeoutFor(size, connections * rateBps) };
      const labels = { section: 'integrity', scenario, connections, chunkSize: null };
      samples.push(
        ...(await session.measure({
          ...cell,
          labels: { ...labels, chunkSize: opts.targetChunkSize ?? null },
          expectVerified: true,
          build: (dir) =>
            pdlCommand(opts.cli, {
              url,
              dir,
              connections,
              chunkSize: opts.targetChunkSize,
              checksums,
              json: true,
            }),
        })),
      );
      if (!withAria2c || !session.tools.aria2c) return;
      for (const withChecksum of [true, false]) {
        const build = (dir) =>
          aria2cCommand({ url, dir, connections, checksums: withChecksum ? checksums : undefined });
        samples.push(...(await session.measure({ ...cell, labels, build })));
      }
    });
  }
  const fdatasyncS = await measureFdatasyncS(session.workDir, size, opts.reps);
  session.log(`fdatasync of a just-written ${size}-byte file: ${fdatasyncS.toFixed(3)} s (median)`);
  return { samples, fdatasyncS };
}
