// Where the numbers come from: cores, CPU, memory, tool versions, the commit measured, the load.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { REPO_ROOT } from './bench-args.mjs';
import { runMeasured } from './bench-exec.mjs';
import { median } from './bench-stats.mjs';

const STARTUP_REPS = 3;

function commitOf(dir) {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown commit';
  }
}

export const currentLoad = () => loadavg()[0].toFixed(2);

export function describeMachine(tools) {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    aria2c: tools.aria2c,
    axel: tools.axel,
    loadStart: currentLoad(),
    commit: commitOf(REPO_ROOT),
  };
}

/** Median wall time of `pdl --version`: the fixed start-up cost inside every pdl wall time. */
export async function measureStartupS(cli) {
  const walls = [];
  for (let i = 0; i < STARTUP_REPS; i++) {
    const run = await runMeasured({
      command: process.execPath,
      args: [cli, '--version'],
      timeoutS: 30,
      timeFile: null,
    });
    if (run.exitCode === 0) walls.push(run.wallS);
  }
  return median(walls);
}
