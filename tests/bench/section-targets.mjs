// The engine's target scenarios on one object: T (8 connections at 8 MB/s each), S1 (the same with
// every 4th connection at 1 MB/s), U (uncapped loopback) and RSS (pdl's peak RSS at size/4 and size).
import { aria2cCommand, axelCommand, pdlCommand } from './bench-tools.mjs';
import { CAPPED_ARGS, RATE_BPS, SLOW_RATE_BPS, STRAGGLER_ARGS, timeoutFor } from './bench-session.mjs';

export const TARGET_CONNECTIONS = 8;

/** Aggregate rate the server allows n connections; S1 counts them as the server does (every 4th slow). */
export function idealRateBps(scenario, n) {
  if (scenario === 'T') return n * RATE_BPS;
  let total = 0;
  for (let i = 1; i <= n; i++) total += i % 4 === 0 ? SLOW_RATE_BPS : RATE_BPS;
  return total;
}

function competitors(session, withAxel) {
  const builders = [];
  if (session.tools.aria2c) builders.push(aria2cCommand);
  if (withAxel && session.tools.axel) builders.push(axelCommand);
  return builders;
}

async function runCapped(session, opts, scenario, args) {
  const size = opts.size;
  const connections = TARGET_CONNECTIONS;
  return session.withServer(args, async (server) => {
    const url = server.urlFor(size);
    const cell = {
      server,
      size,
      reps: opts.reps,
      timeoutS: timeoutFor(size, idealRateBps(scenario, connections)),
      labels: { section: 'targets', scenario, connections, chunkSize: opts.targetChunkSize ?? null },
    };
    const samples = await session.measure({
      ...cell,
      build: (dir) => pdlCommand(opts.cli, { url, dir, connections, chunkSize: opts.targetChunkSize }),
    });
    for (const command of competitors(session, opts.axel)) {
      const labels = { ...cell.labels, chunkSize: null };
      samples.push(
        ...(await session.measure({ ...cell, labels, build: (dir) => command({ url, dir, connections }) })),
      );
    }
    return samples;
  });
}

async function runUncapped(session, opts, wanted) {
  const connections = TARGET_CONNECTIONS;
  return session.withServer([], async (server) => {
    const samples = [];
    const measure = async (scenario, size, build, chunkSize = opts.targetChunkSize ?? null) => {
      const labels = { section: 'targets', scenario, connections, chunkSize };
      const url = server.urlFor(size);
      const cell = { server, size, reps: opts.reps, timeoutS: timeoutFor(size, 0), labels };
      samples.push(...(await session.measure({ ...cell, build: (dir) => build(url, dir) })));
    };
    const pdl = (url, dir) =>
      pdlCommand(opts.cli, { url, dir, connections, chunkSize: opts.targetChunkSize });
    // U's pdl runs at full size double as RSS's large point: same command, same server. pdl and
    // aria2c alternate, so their ratio holds on a shared machine.
    if (wanted.has('U')) {
      const url = server.urlFor(opts.size);
      const cell = { server, size: opts.size, timeoutS: timeoutFor(opts.size, 0) };
      const labels = { section: 'targets', scenario: 'U', connections };
      const cells = [
        {
          ...cell,
          labels: { ...labels, chunkSize: opts.targetChunkSize ?? null },
          build: (dir) => pdl(url, dir),
        },
      ];
      if (session.tools.aria2c) {
        cells.push({
          ...cell,
          labels: { ...labels, chunkSize: null },
          build: (dir) => aria2cCommand({ url, dir, connections }),
        });
      }
      samples.push(...(await session.measureAlternating(cells, opts.reps)));
    } else if (wanted.has('RSS')) {
      await measure('U', opts.size, pdl);
    }
    if (wanted.has('RSS')) await measure('RSS', Math.floor(opts.size / 4), pdl);
    return samples;
  });
}

export async function runTargets(session, opts) {
  const wanted = new Set(opts.sections);
  const samples = [];
  if (wanted.has('T')) samples.push(...(await runCapped(session, opts, 'T', CAPPED_ARGS)));
  if (wanted.has('S1')) samples.push(...(await runCapped(session, opts, 'S1', STRAGGLER_ARGS)));
  if (wanted.has('U') || wanted.has('RSS')) samples.push(...(await runUncapped(session, opts, wanted)));
  return samples;
}
