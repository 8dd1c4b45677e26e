// Options of `npm run bench` (pure): which sections run, on which sizes, how many repetitions.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const SECTIONS = ['matrix', 'T', 'S1', 'U', 'RSS', 'I', 'TLS', 'V', 'N', 'J4', 'ui'];

export const USAGE = `Usage: npm run bench -- [options]      (or: node tests/bench/run-bench.mjs [options])

Times the pdl CLI (out/main/cli.js, built by npm run bench) and aria2c against a throttled local
range server, verifies every downloaded file by sha256, prints markdown tables and writes
results.json, results.csv and chart.svg to bench-results/<timestamp>/.

Sections: matrix (chunk size x connections, capped and uncapped), T (8 connections at 8 MB/s each),
S1 (T with every 4th connection at 1 MB/s), U (uncapped), RSS (peak RSS at size/4 and size),
I (integrity: time from the last byte to verified, throughput with SHA-256 + CRC-32C),
TLS (size/2 over https with a self-signed certificate), V (both tools given the SHA-256),
N (1, 4, 16 and 32 connections uncapped), J4 (four downloads at once vs aria2c -j4); U, TLS, V,
N and J4 alternate pdl and aria2c run by run,
ui (tests/bench/ui-bench.mjs: 100 downloads x 16 chunks in headless Chromium; last, and not in --quick).

Options:
  --quick              small subset: 2 chunk sizes x 2 connection counts, 32 MiB matrix,
                       64 MiB targets, 1 repetition, no ui (explicit options still win)
  --reps N             repetitions of each target cell, median reported (default 3)
  --matrix-reps N      repetitions of each matrix cell (default 1)
  --size SIZE          object size of the target sections and the matrix (default 512M; matrix 256M)
  --matrix-size SIZE   object size of the matrix only
  --only LIST          comma-separated sections to run, e.g. --only T,S1
  --chunk-size SIZE    pdl --chunk-size in the target sections (default: pdl's own default)
  --axel               also time axel in T and S1
  --server FILE        range server script (default ../shared/bench/server.mjs next to the repo,
                       or $PDL_BENCH_SERVER)
  --out DIR            results folder (default bench-results/<timestamp>)
  -h, --help           this help
Sizes: 256K, 4M, 512M, 1G or bytes (binary units). MB in the results = 10^6 bytes.`;

const UNITS = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

export function parseSize(text) {
  const match = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(String(text).trim());
  if (!match) throw new Error(`not a size: ${text} (use e.g. 256K, 4M, 512M)`);
  return Number(match[1]) * UNITS[match[2].toLowerCase()];
}

export function formatSize(bytes) {
  for (const [unit, factor] of [
    ['G', 2 ** 30],
    ['M', 2 ** 20],
    ['K', 2 ** 10],
  ]) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${bytes}`;
}

function parseCount(name, text) {
  if (!/^[1-9]\d*$/.test(text ?? '')) throw new Error(`${name} needs a positive whole number`);
  return Number(text);
}

export function parseBenchArgs(argv, env = process.env) {
  const given = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '-h':
      case '--help':
        return { help: true };
      case '--quick':
        given.quick = true;
        break;
      case '--axel':
        given.axel = true;
        break;
      case '--reps':
        given.reps = parseCount(arg, value());
        break;
      case '--matrix-reps':
        given.matrixReps = parseCount(arg, value());
        break;
      case '--size':
        given.size = parseSize(value());
        break;
      case '--matrix-size':
        given.matrixSize = parseSize(value());
        break;
      case '--chunk-size':
        given.chunkSize = parseSize(value());
        break;
      case '--only':
        given.only = value().split(',').filter(Boolean);
        for (const s of given.only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}`);
        break;
      case '--server':
        given.server = resolve(value());
        break;
      case '--out':
        given.out = resolve(value());
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  const quick = given.quick === true;
  const size = given.size ?? (quick ? 64 * 2 ** 20 : 512 * 2 ** 20);
  return {
    help: false,
    quick,
    reps: given.reps ?? (quick ? 1 : 3),
    matrixReps: given.matrixReps ?? 1,
    size,
    matrixSize: given.matrixSize ?? given.size ?? (quick ? 32 * 2 ** 20 : 256 * 2 ** 20),
    chunkSizes: quick
      ? [2 ** 20, 16 * 2 ** 20]
      : [256 * 2 ** 10, 2 ** 20, 4 * 2 ** 20, 16 * 2 ** 20, 64 * 2 ** 20],
    connectionCounts: quick ? [1, 8] : [1, 2, 4, 8, 16],
    targetChunkSize: given.chunkSize,
    sections: given.only ?? (quick ? SECTIONS.filter((s) => s !== 'ui') : SECTIONS),
    axel: given.axel === true,
    server: given.server ?? env.PDL_BENCH_SERVER ?? resolve(REPO_ROOT, '../shared/bench/server.mjs'),
    out: given.out ?? join(REPO_ROOT, 'bench-results', timestamp(new Date())),
  };
}

function timestamp(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}
