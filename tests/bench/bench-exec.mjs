// Runs one command and measures it: wall time from spawn to exit, user/sys CPU and peak RSS of the
// command's process (GNU time), and the arrival time of every stdout line (for pdl --json events).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';

export const GNU_TIME = '/usr/bin/time';

// Process groups of the commands running now: they are detached, so Ctrl+C on the bench does not
// reach them and the bench must stop them itself.
const activeGroups = new Set();

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group has already exited.
  }
}

export function killActiveRuns() {
  for (const pid of activeGroups) killGroup(pid);
  activeGroups.clear();
}

export function hasGnuTime() {
  try {
    accessSync(GNU_TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** GNU time's `-f '%U %S %M'` output; a failing command adds a "Command exited" line before it. */
function parseTimeFile(text) {
  const last = text.trim().split('\n').pop() ?? '';
  const [user, sys, rssKiB] = last.trim().split(/\s+/).map(Number);
  if (![user, sys, rssKiB].every(Number.isFinite)) return { userS: null, sysS: null, maxRssBytes: null };
  return { userS: user, sysS: sys, maxRssBytes: rssKiB * 1024 };
}

/**
 * @param {{ command: string, args: string[], timeoutS: number, timeFile: string | null,
 *   env?: Record<string, string> }} run
 * @returns {Promise<{ exitCode: number | null, timedOut: boolean, wallS: number, userS: number | null,
 *   sysS: number | null, maxRssBytes: number | null, lines: { atMs: number, text: string }[],
 *   stderrTail: string }>}
 */
export async function runMeasured({ command, args, timeoutS, timeFile, env }) {
  // A run killed before GNU time writes must not inherit the previous run's figures.
  if (timeFile) await rm(timeFile, { force: true });
  const argv = timeFile ? ['-f', '%U %S %M', '-o', timeFile, command, ...args] : args;
  const started = performance.now();
  // Own process group, so a timeout kills the command and anything it started.
  const child = spawn(timeFile ? GNU_TIME : command, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: env ? { ...process.env, ...env } : process.env,
  });
  activeGroups.add(child.pid);
  const lines = [];
  createInterface({ input: child.stdout }).on('line', (text) =>
    lines.push({ atMs: performance.now() - started, text }),
  );
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (part) => (stderrTail = (stderrTail + part).slice(-1000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutS * 1000);
  const exitCode = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => {
    clearTimeout(timer);
    activeGroups.delete(child.pid);
  });
  const wallS = (performance.now() - started) / 1000;
  const usage = timeFile
    ? parseTimeFile(await readFile(timeFile, 'utf8').catch(() => ''))
    : { userS: null, sysS: null, maxRssBytes: null };
  return { exitCode, timedOut, wallS, ...usage, lines, stderrTail: stderrTail.trim() };
}
