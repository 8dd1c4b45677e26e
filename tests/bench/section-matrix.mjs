// The seed's chunk-size benchmark: pdl over chunk sizes x connection counts, every connection
// capped at 8 MB/s ("internet") and uncapped, with aria2c once per connection count as the yardstick.
import { aria2cCommand, pdlCommand } from './bench-tools.mjs';
import { CAPPED_ARGS, RATE_BPS, timeoutFor } from './bench-session.mjs';

export const MATRIX_PANELS = [
  { panel: 'capped', args: CAPPED_ARGS, rateBps: RATE_BPS },
  { panel: 'uncapped', args: [], rateBps: 0 },
];

/**
 * @returns {Promise<{ samples: object[], skipped: { panel: string, connections: number,
 *   chunkSize: number, reason: string }[] }>}
 */
export async function runMatrix(
  session,
  { cli, matrixSize: size, chunkSizes, connectionCounts, matrixReps },
) {
  const samples = [];
  const skipped = [];
  for (const { panel, args, rateBps } of MATRIX_PANELS) {
    await session.withServer(args, async (server) => {
      const url = server.urlFor(size);
      for (const connections of connectionCounts) {
        const base = { section: 'matrix', scenario: panel, connections };
        const cell = { server, size, reps: matrixReps, timeoutS: timeoutFor(size, connections * rateBps) };
        if (session.tools.aria2c) {
          const build = (dir) => aria2cCommand({ url, dir, connections });
          samples.push(...(await session.measure({ ...cell, build, labels: { ...base, chunkSize: null } })));
        }
        for (const chunkSize of chunkSizes) {
          // Larger than the file it is the same single chunk as chunk = size: a duplicate, not a data point.
          if (chunkSize > size) {
            skipped.push({ panel, connections, chunkSize, reason: 'chunk size > file size' });
            continue;
          }
          const build = (dir) => pdlCommand(cli, { url, dir, connections, chunkSize });
          samples.push(...(await session.measure({ ...cell, build, labels: { ...base, chunkSize } })));
        }
      }
    });
  }
  return { samples, skipped };
}
