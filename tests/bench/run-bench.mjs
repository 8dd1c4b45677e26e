#!/usr/bin/env node
// `npm run bench`: the engine benchmarks of the pdl CLI against aria2c on a throttled local range
// server. Progress goes to stderr, the markdown tables to stdout, the files to bench-results/<stamp>/.
import { parseBenchArgs, REPO_ROOT, USAGE } from './bench-args.mjs';
import { snapshotBuild } from './bench-build.mjs';
import { renderChart } from './bench-chart.mjs';
import { hasGnuTime, killActiveRuns } from './bench-exec.mjs';
import { writeResults } from './bench-files.mjs';
import { currentLoad, describeMachine, measureStartupS } from './bench-machine.mjs';
import { renderMarkdown } from './bench-report.mjs';
import { checkServerScript } from './bench-server.mjs';
import { createSession } from './bench-session.mjs';
import { toolVersion } from './bench-tools.mjs';
import { evaluateTargets } from './bench-verdicts.mjs';
import { runIntegrity } from './section-integrity.mjs';
import { runMatrix } from './section-matrix.mjs';
import { runTargets } from './section-targets.mjs';
import { runLean } from './section-lean.mjs';
import { renderLean } from './bench-report-lean.mjs';
import { renderUi, runUi } from './section-ui.mjs';

const log = (line) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function preflight(opts) {
  checkServerScript(opts.server);
  const tools = { aria2c: toolVersion('aria2c'), axel: opts.axel ? toolVersion('axel') : null };
  if (!tools.aria2c) {
    log('aria2c is NOT installed: pdl is measured alone and every ratio vs aria2c is n/a.');
    log('Install it to compare: sudo apt-get install -y aria2');
  }
  if (opts.axel && !tools.axel) log('axel is not installed (apt-get install -y axel): --axel ignored');
  if (!hasGnuTime()) log('/usr/bin/time is missing (apt-get install -y time): no CPU or RSS figures');
  return tools;
}

async function runSections(session, opts) {
  const samples = [];
  let skipped = [];
  if (opts.sections.includes('matrix')) {
    const matrix = await runMatrix(session, opts);
    samples.push(...matrix.samples);
    skipped = matrix.skipped;
  }
  samples.push(...(await runTargets(session, opts)));
  samples.push(...(await runLean(session, opts)));
  let fdatasyncS = null;
  if (opts.sections.includes('I')) {
    const integrity = await runIntegrity(session, opts);
    samples.push(...integrity.samples);
    fdatasyncS = integrity.fdatasyncS;
  }
  const ui = opts.sections.includes('ui') ? await runUi(log) : null;
  return { samples, skipped, fdatasyncS, ui };
}

async function main() {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const tools = preflight(parsed);
  const build = await snapshotBuild(REPO_ROOT);
  const opts = { ...parsed, cli: build.cli };
  const session = await createSession({ serverPath: opts.server, tools, log });
  const cleanUp = () => Promise.all([session.close(), build.dispose()]);
  const onSignal = () => {
    killActiveRuns();
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const startedAt = new Date().toISOString();
  let machine, samples, skipped, fdatasyncS, ui;
  try {
    const pdlStartupS = await measureStartupS(opts.cli);
    if (pdlStartupS === null) throw new Error(`${opts.cli} --version fails: is the build complete?`);
    machine = { ...describeMachine(tools), pdlStartupS };
    ({ samples, skipped, fdatasyncS, ui } = await runSections(session, opts));
  } finally {
    await cleanUp();
  }
  const meta = {
    startedAt,
    finishedAt: new Date().toISOString(),
    loadEnd: currentLoad(),
    machine,
    commit: machine.commit,
    options: parsed,
    fdatasyncS,
  };
  const verdicts = evaluateTargets(samples, opts.size);
  const markdown = [
    renderMarkdown({ meta, samples, skipped, verdicts }),
    ...renderLean(samples),
    ...renderUi(ui),
  ].join('\n');
  const machineLine = `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, pdl ${machine.commit}`;
  const svg = renderChart(samples, opts, machineLine);
  const files = await writeResults(opts.out, { meta, samples, skipped, verdicts, ui, markdown, svg });
  console.log(markdown);
  log(`results: ${Object.values(files).join(', ')}`);
  const failed = samples.filter((s) => !s.ok).length;
  // A failed run is a defect (crash, timeout or wrong bytes), not a slow result: make it visible to scripts.
  if (ui?.error) process.exitCode = 1;
  if (failed > 0) {
    log(`${failed} of ${samples.length} runs FAILED (see the ok columns)`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  log(`error: ${err.message}`);
  process.exitCode = 1;
});
