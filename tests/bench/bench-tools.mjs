// Command lines of the measured tools. aria2c and axel get the reference harness's flags
// (../shared/bench/run-baselines.sh) so our figures compare with its published ones.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const OUTPUT_NAME = 'out.bin';

const ARIA2C_COMMON = [
  '-q',
  '-k',
  '1M',
  '--min-split-size=1M',
  '--file-allocation=none',
  '--allow-overwrite=true',
  '--auto-file-renaming=false',
  '--summary-interval=0',
  '--console-log-level=error',
];

/** First line of `bin --version`, or null when the tool is not installed. */
export function toolVersion(bin) {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim();
  } catch {
    return null;
  }
}

/**
 * @typedef {{ url: string, dir: string, connections: number, chunkSize?: number,
 *   checksums?: { sha256: string, crc32c?: string }, json?: boolean, caCert?: string }} RunSpec
 * @typedef {{ tool: string, command: string, args: string[], json: boolean,
 *   env?: Record<string, string> }} ToolCommand
 */

/** @param {string} cli @param {RunSpec} spec @returns {ToolCommand} */
export function pdlCommand(cli, spec) {
  const args = [cli, spec.json ? '--json' : '-q', '-c', String(spec.connections)];
  if (spec.chunkSize) args.push('--chunk-size', String(spec.chunkSize));
  if (spec.checksums) args.push('--checksum', `sha256=${spec.checksums.sha256}`);
  if (spec.checksums?.crc32c) args.push('--checksum', `crc32c=${spec.checksums.crc32c}`);
  args.push('-d', spec.dir, '-o', OUTPUT_NAME, spec.url);
  // Node trusts a self-signed test server only through NODE_EXTRA_CA_CERTS, as users behind a CA do.
  const env = spec.caCert ? { NODE_EXTRA_CA_CERTS: spec.caCert } : undefined;
  return { tool: 'pdl', command: process.execPath, args, json: spec.json === true, env };
}

/** @param {RunSpec} spec @returns {ToolCommand} */
export function aria2cCommand(spec) {
  const n = String(spec.connections);
  const checksum = spec.checksums ? [`--checksum=sha-256=${spec.checksums.sha256}`] : [];
  const ca = spec.caCert ? [`--ca-certificate=${spec.caCert}`] : [];
  // aria2c allows at most 16 connections per server; -s still splits into n pieces.
  const perServer = String(Math.min(16, spec.connections));
  return {
    tool: spec.checksums ? 'aria2c+sha256' : 'aria2c',
    command: 'aria2c',
    args: [
      ...ARIA2C_COMMON,
      `-x${perServer}`,
      `-s${n}`,
      ...checksum,
      ...ca,
      '-d',
      spec.dir,
      '-o',
      OUTPUT_NAME,
      spec.url,
    ],
    json: false,
  };
}

/** @param {RunSpec} spec @returns {ToolCommand} */
export function axelCommand(spec) {
  return {
    tool: 'axel',
    command: 'axel',
    args: ['-q', '-n', String(spec.connections), '-o', join(spec.dir, OUTPUT_NAME), spec.url],
    json: false,
  };
}

/**
 * Several downloads at once. pdl: all URLs on one command line with --max-concurrent; aria2c: -j
 * with the same URLs. Each file keeps its URL's name.
 * @param {string} cli @param {{ urls: string[], dir: string, connections: number }} spec
 * @returns {ToolCommand[]}
 */
export function concurrentCommands(cli, spec) {
  const n = String(spec.connections);
  const jobs = String(spec.urls.length);
  return [
    {
      tool: 'pdl',
      command: process.execPath,
      args: [cli, '-q', '-c', n, '--max-concurrent', jobs, '-d', spec.dir, ...spec.urls],
      json: false,
    },
    {
      tool: 'aria2c',
      command: 'aria2c',
      args: [...ARIA2C_COMMON, `-j${jobs}`, `-x${n}`, `-s${n}`, '-Z', '-d', spec.dir, ...spec.urls],
      json: false,
    },
  ];
}
