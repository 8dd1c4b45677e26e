// The shared range server (../shared/bench/server.mjs) in its own process, as a real server would be:
// started per section with its throttle options, reset before every run, stopped at the end.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { get as getTls } from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const STARTUP_TIMEOUT_MS = 10_000;

export function checkServerScript(serverPath) {
  if (!existsSync(serverPath)) {
    throw new Error(
      `range server not found at ${serverPath}: pass --server PATH/TO/server.mjs ` +
        '(the reference harness in ../shared/bench/) or set PDL_BENCH_SERVER',
    );
  }
}

function getJson(url, ca) {
  return new Promise((resolve, reject) => {
    (ca ? getTls : get)(url, { agent: false, ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (part) => (body += part));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
        else resolve(body ? JSON.parse(body) : {});
      });
    }).on('error', reject);
  });
}

/** Expected digests of the synthetic object: `{ sha256: hex, crc32c: 8 hex digits }`. */
export async function objectDigests(serverPath, size) {
  const { stdout } = await promisify(execFile)(process.execPath, [serverPath, 'hash', String(size)], {
    maxBuffer: 1 << 20,
  });
  const meta = JSON.parse(stdout);
  return { sha256: meta.sha256, crc32c: (meta.crc32c >>> 0).toString(16).padStart(8, '0') };
}

/** A self-signed certificate for 127.0.0.1 (as ../shared/bench/README.md makes one). */
export async function selfSignedPair(workDir) {
  const cert = join(workDir, 'tls-cert.pem');
  const key = join(workDir, 'tls-key.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { cert, key };
}

/**
 * @param {{ serverPath: string, workDir: string, args: string[], ttlS: number,
 *   tls?: { cert: string, key: string } }} options
 */
export async function startServer({ serverPath, workDir, args, ttlS, tls }) {
  const tlsArgs = tls ? ['--tls-cert', tls.cert, '--tls-key', tls.key] : [];
  const portFile = join(workDir, `server-${process.hrtime.bigint()}.port`);
  const child = spawn(
    process.execPath,
    [serverPath, '--port-file', portFile, '--ttl', String(Math.ceil(ttlS)), ...tlsArgs, ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (part) => (stderr = (stderr + part).slice(-2000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let port = '';
  while (!port) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`range server did not start: ${stderr.trim() || 'no output'}`);
    }
    await sleep(50);
    port = (await readFile(portFile, 'utf8').catch(() => '')).trim();
  }
  await rm(portFile, { force: true });
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const ca = tls ? await readFile(tls.cert) : undefined;
  return {
    args,
    urlFor: (size) => `${base}/gen/${size}.bin`,
    /** Clears counters and the data-connection index that `--slow-every` counts from. */
    reset: () => getJson(`${base}/_reset`, ca),
    stats: () => getJson(`${base}/_stats`, ca),
    stop: async () => {
      if (child.exitCode === null) child.kill();
      await exited;
    },
  };
}
