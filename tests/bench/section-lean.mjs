// The lean data path against aria2c on a fast link, every pair of runs alternating so a shared
// machine's load hits both alike: TLS (https with a self-signed certificate), V (both given the
// SHA-256), N (1, 4, 16 and 32 connections uncapped) and J4 (four downloads at once vs aria2c -j4).
import { join } from 'node:path';
import { verifyOutput } from './bench-measure.mjs';
import { selfSignedPair } from './bench-server.mjs';
import { aria2cCommand, concurrentCommands, pdlCommand } from './bench-tools.mjs';
import { timeoutFor } from './bench-session.mjs';
import { TARGET_CONNECTIONS } from './section-targets.mjs';

export const LEAN_SECTIONS = ['TLS', 'V', 'N', 'J4'];
export const CONNECTION_COUNTS = [1, 4, 16, 32];
const CONCURRENT_DOWNLOADS = 4;

function pair(session, cell, build) {
  const labels = { section: 'lean', chunkSize: null, ...cell.labels };
  const cells = [{ ...cell, labels, build: (dir) => build(dir).pdl }];
  if (session.tools.aria2c) cells.push({ ...cell, labels, build: (dir) => build(dir).aria2c });
  return cells;
}

async function runTls(session, opts) {
  const size = Math.floor(opts.size / 2);
  const tls = await selfSignedPair(session.workDir);
  return session.withServer(
    [],
    async (server) => {
      const url = server.urlFor(size);
      const cell = { server, size, timeoutS: timeoutFor(size, 0) };
      const spec = { url, connections: TARGET_CONNECTIONS, caCert: tls.cert };
      const labels = { scenario: 'TLS', connections: TARGET_CONNECTIONS };
      const build = (dir) => ({
        pdl: pdlCommand(opts.cli, { ...spec, dir }),
        aria2c: aria2cCommand({ ...spec, dir }),
      });
      return session.measureAlternating(pair(session, { ...cell, labels }, build), opts.reps);
    },
    tls,
  );
}

async function runVerified(session, opts) {
  const size = opts.size;
  const { sha256 } = await session.digests(size);
  return session.withServer([], async (server) => {
    const spec = { url: server.urlFor(size), connections: TARGET_CONNECTIONS, checksums: { sha256 } };
    const labels = { scenario: 'V', connections: TARGET_CONNECTIONS };
    const build = (dir) => ({
      pdl: pdlCommand(opts.cli, { ...spec, dir }),
      aria2c: { ...aria2cCommand({ ...spec, dir }), tool: 'aria2c' },
    });
    const cell = { server, size, timeoutS: timeoutFor(size, 0), labels };
    return session.measureAlternating(pair(session, cell, build), opts.reps);
  });
}

async function runConnections(session, opts) {
  const size = opts.size;
  return session.withServer([], async (server) => {
    const samples = [];
    for (const connections of CONNECTION_COUNTS) {
      const spec = { url: server.urlFor(size), connections };
      const build = (dir) => ({
        pdl: pdlCommand(opts.cli, { ...spec, dir }),
        aria2c: aria2cCommand({ ...spec, dir }),
      });
      const cell = { server, size, timeoutS: timeoutFor(size, 0), labels: { scenario: 'N', connections } };
      samples.push(...(await session.measureAlternating(pair(session, cell, build), opts.reps)));
    }
    return samples;
  });
}

async function runConcurrent(session, opts) {
  // Distinct sizes give distinct names and contents; together they are about the target size.
  const sizes = Array.from(
    { length: CONCURRENT_DOWNLOADS },
    (_, i) => Math.floor(opts.size / CONCURRENT_DOWNLOADS) - i * 4096,
  );
  const expected = await Promise.all(sizes.map((size) => session.digests(size)));
  const total = sizes.reduce((a, b) => a + b, 0);
  return session.withServer([], async (server) => {
    const urls = sizes.map((size) => server.urlFor(size));
    const verify = async (dir) => {
      for (const [i, size] of sizes.entries()) {
        const error = await verifyOutput(join(dir, `${size}.bin`), size, expected[i].sha256);
        if (error) return `${size}.bin: ${error}`;
      }
      return null;
    };
    const build = (dir) => {
      const [pdl, aria2c] = concurrentCommands(opts.cli, { urls, dir, connections: TARGET_CONNECTIONS });
      return { pdl, aria2c };
    };
    const labels = { scenario: 'J4', connections: TARGET_CONNECTIONS };
    // `size` is the total: throughput and CPU per GiB count all four files.
    const cell = { server, size: total, timeoutS: timeoutFor(total, 0), labels, verify };
    return session.measureAlternating(pair(session, cell, build), opts.reps);
  });
}

export async function runLean(session, opts) {
  const wanted = new Set(opts.sections);
  const samples = [];
  if (wanted.has('TLS')) samples.push(...(await runTls(session, opts)));
  if (wanted.has('V')) samples.push(...(await runVerified(session, opts)));
  if (wanted.has('N')) samples.push(...(await runConnections(session, opts)));
  if (wanted.has('J4')) samples.push(...(await runConcurrent(session, opts)));
  return samples;
}
