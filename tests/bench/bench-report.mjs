// Markdown for stdout (pure): the machine, the targets with PASS/FAIL, the scenario tables, the
// integrity comparison and the chunk-size matrix. Failed runs are shown, never dropped silently.
import { formatSize } from './bench-args.mjs';
import { formatSpread, ratio } from './bench-stats.mjs';
import { cellOf } from './bench-verdicts.mjs';
import { idealRateBps, TARGET_CONNECTIONS } from './section-targets.mjs';
import { MATRIX_PANELS } from './section-matrix.mjs';

const RESULT = { true: 'PASS', false: '**FAIL**', null: 'n/a' };
const fx = (x, digits = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);

function okText(c) {
  const failed = [...new Set(c.failures)].join('; ');
  return `${c.okRuns}/${c.runs}${failed ? ` (${failed})` : ''}`;
}

function header(meta) {
  const m = meta.machine;
  return [
    `# pdl engine benchmark — ${meta.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB RAM, ${m.os}; Node ${m.node}; ` +
      `${m.aria2c ?? 'aria2c NOT INSTALLED'}${m.axel ? `; ${m.axel}` : ''}; pdl built from the working tree at ${meta.commit}.`,
    `Load average (1 min) at start ${m.loadStart}, at end ${meta.loadEnd}: other work on the machine adds noise. ` +
      `pdl start-up (\`pdl --version\`, included in every pdl wall time): ${fx(m.pdlStartupS)} s.`,
    `Targets: ${formatSize(meta.options.size)} object, ${meta.options.reps} run(s) per cell; matrix: ` +
      `${formatSize(meta.options.matrixSize)} object, ${meta.options.matrixReps} run(s) per cell. ` +
      `pdl chunk size in the target sections: ${meta.options.targetChunkSize ? formatSize(meta.options.targetChunkSize) : "pdl's default"}. ` +
      'Figures are median [min–max] of the successful runs; MB = 10^6 bytes; wall time = the whole command.',
    'CPU = user + sys of the tool process, RSS = its peak resident set (GNU time); every output file was ' +
      'checked against the expected sha256, a wrong file is a failed run.',
    '',
  ];
}

function targetTable(verdicts) {
  return [
    '## Targets',
    '',
    '| target | goal | measured | result |',
    '|---|---|---|---|',
    ...verdicts.map((v) => `| ${v.id} | ${v.goal} | ${v.measured} | ${RESULT[v.pass]} |`),
    '',
  ];
}

function scenarioTable(samples, size) {
  const rows = [];
  const scenarios = [
    ['T', 'T — 8 connections, each capped at 8 MB/s'],
    ['S1', 'S1 — as T, every 4th connection at 1 MB/s'],
    ['U', 'U — uncapped loopback'],
    ['RSS', `RSS — uncapped, ${formatSize(Math.floor(size / 4))} object`],
  ];
  for (const [scenario, title] of scenarios) {
    const tools = [...new Set(samples.filter((s) => s.scenario === scenario).map((s) => s.tool))];
    for (const tool of tools) {
      const c = cellOf(samples, { section: 'targets', scenario, tool });
      const ideal =
        scenario === 'T' || scenario === 'S1' ? size / idealRateBps(scenario, TARGET_CONNECTIONS) : null;
      rows.push(
        `| ${title} | ${tool} | ${formatSpread(c.wallS, 2)} | ${formatSpread(c.mbps)} | ` +
          `${ideal && c.wallS ? `${fx(c.wallS.med / ideal)}×` : '–'} | ${formatSpread(c.cpuS, 2)} | ` +
          `${fx(c.cpuPerGiB)} | ${formatSpread(c.rssMB, 0)} | ${c.serverConnections ?? '–'}/${c.serverRequests ?? '–'} | ${okText(c)} |`,
      );
    }
  }
  if (rows.length === 0) return [];
  return [
    `## Scenarios (${formatSize(size)} object, ${TARGET_CONNECTIONS} connections)`,
    '',
    '| scenario | tool | wall s | MB/s | × ideal time | CPU s | CPU s/GiB | peak RSS MB | server conns/reqs | ok runs |',
    '|---|---|---|---|---:|---|---:|---|---:|---|',
    ...rows,
    '',
    'pdl computes SHA-256 on every download (so a user can compare it with a published value); aria2c ' +
      'hashes nothing in T, S1 and U. × ideal time = wall time ÷ (size ÷ the aggregate rate the server ' +
      'allows 8 connections).',
    '',
  ];
}

function integrityTable(samples, size, fdatasyncS) {
  const pdlU = cellOf(samples, { scenario: 'I', tool: 'pdl' });
  const pdlT = cellOf(samples, { scenario: 'I-T', tool: 'pdl' });
  const withSha = cellOf(samples, { scenario: 'I', tool: 'aria2c+sha256' });
  const plain = cellOf(samples, { scenario: 'I', tool: 'aria2c' });
  if (!pdlU && !pdlT) return [];
  const ariaHashS = withSha?.wallS && plain?.wallS ? withSha.wallS.med - plain.wallS.med : null;
  const latency = (c) => (c ? formatSpread(c.verifyLatencyS, 3) : '–');
  const rows = [
    [
      'uncapped throughput with integrity (pdl: SHA-256 + CRC-32C refs; aria2c: --checksum=sha-256), MB/s',
      pdlU ? formatSpread(pdlU.mbps) : '–',
      withSha ? formatSpread(withSha.mbps) : '–',
      fx(ratio(pdlU?.mbps?.med ?? null, withSha?.mbps?.med ?? null)),
    ],
    [
      'last byte → verified, uncapped, s (aria2c: wall with − without --checksum)',
      latency(pdlU),
      fx(ariaHashS, 3),
      fx(ratio(pdlU?.verifyLatencyS?.med ?? null, ariaHashS)),
    ],
    [
      'last byte → verified, 8 × 8 MB/s, s (aria2c hashes after the download either way)',
      latency(pdlT),
      fx(ariaHashS, 3),
      fx(ratio(pdlT?.verifyLatencyS?.med ?? null, ariaHashS)),
    ],
    ['aria2c without --checksum, uncapped, MB/s', '', plain ? formatSpread(plain.mbps) : '–', ''],
    [
      "reference: fdatasync of a just-written file of this size (inside pdl's verifying → completed), s",
      fx(fdatasyncS, 3),
      '',
      '',
    ],
  ];
  const runs = [
    pdlU && ['pdl (I)', pdlU],
    pdlT && ['pdl (I-T)', pdlT],
    withSha && ['aria2c+sha256', withSha],
    plain && ['aria2c', plain],
  ]
    .filter(Boolean)
    .map(([name, c]) => `${name} ${okText(c)}`);
  return [
    `## Integrity (${formatSize(size)} object, ${TARGET_CONNECTIONS} connections)`,
    '',
    '| measure | pdl | aria2c | pdl/aria2c |',
    '|---|---|---|---:|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Runs ok: ${runs.join(', ')}. pdl CPU s/GiB with integrity: ${fx(pdlU?.cpuPerGiB ?? null)}; ` +
      `aria2c+sha256: ${fx(withSha?.cpuPerGiB ?? null)}.`,
    '',
  ];
}

function matrixTables(samples, skipped, { chunkSizes, connectionCounts, matrixSize }) {
  const out = [];
  for (const { panel } of MATRIX_PANELS) {
    const here = samples.filter((s) => s.section === 'matrix' && s.scenario === panel);
    if (here.length === 0) continue;
    const cell = (where) => cellOf(here, where);
    const text = (c) =>
      c ? (c.okRuns ? formatSpread(c.mbps) : 'FAILED') + (c.okRuns < c.runs && c.okRuns ? ' (!)' : '') : '–';
    const head = `| chunk \\ connections | ${connectionCounts.join(' | ')} |`;
    const rule = `|---|${connectionCounts.map(() => '---:').join('|')}|`;
    const rows = chunkSizes.map((chunkSize) => {
      const cells = connectionCounts.map((n) =>
        skipped.some((k) => k.panel === panel && k.connections === n && k.chunkSize === chunkSize)
          ? 'skipped'
          : text(cell({ tool: 'pdl', connections: n, chunkSize })),
      );
      return `| pdl ${formatSize(chunkSize)} | ${cells.join(' | ')} |`;
    });
    const aria = connectionCounts.map((n) => cell({ tool: 'aria2c', connections: n }));
    rows.push(`| aria2c | ${aria.map(text).join(' | ')} |`);
    const best = connectionCounts.map((n, i) => {
      const mbps = chunkSizes.map(
        (chunkSize) => cell({ tool: 'pdl', connections: n, chunkSize })?.mbps?.med ?? 0,
      );
      const top = Math.max(...mbps);
      return top > 0
        ? `${fx(ratio(top, aria[i]?.mbps?.med ?? null))} (${formatSize(chunkSizes[mbps.indexOf(top)])})`
        : '–';
    });
    rows.push(`| best pdl / aria2c | ${best.join(' | ')} |`);
    const rate = MATRIX_PANELS.find((p) => p.panel === panel).rateBps;
    if (rate)
      rows.push(
        `| ideal (n × ${rate / 1e6} MB/s) | ${connectionCounts.map((n) => (n * rate) / 1e6).join(' | ')} |`,
      );
    const title = panel === 'capped' ? 'each connection capped at 8 MB/s' : 'uncapped loopback';
    out.push(
      `## Chunk-size matrix, ${title}: MB/s (${formatSize(matrixSize)} object)`,
      '',
      head,
      rule,
      ...rows,
      '',
      `"best" = the fastest chunk size at that count.${rows.some((r) => r.includes('(!)')) ? ' (!) = some runs of the cell failed (listed below).' : ''}`,
      '',
    );
  }
  return out;
}

function failedRuns(samples) {
  const failed = samples.filter((s) => !s.ok);
  if (failed.length === 0) return ['All runs succeeded: exit code 0 and the expected sha256.', ''];
  return [
    `## Failed runs (${failed.length} of ${samples.length})`,
    '',
    ...failed.map(
      (s) =>
        `- ${s.section} ${s.scenario} ${s.tool} n=${s.connections}` +
        `${s.chunkSize ? ` chunk ${formatSize(s.chunkSize)}` : ''} rep ${s.rep}: ${s.failure}`,
    ),
    '',
  ];
}

export function renderMarkdown({ meta, samples, skipped, verdicts }) {
  const size = meta.options.size;
  const targetSamples = samples.filter((s) => s.section !== 'matrix');
  return [
    ...header(meta),
    ...targetTable(verdicts),
    ...scenarioTable(targetSamples, size),
    ...integrityTable(targetSamples, size, meta.fdatasyncS),
    ...matrixTables(samples, skipped, meta.options),
    ...failedRuns(samples),
  ].join('\n');
}
