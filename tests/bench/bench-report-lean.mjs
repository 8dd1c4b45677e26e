// Markdown for the fast-link comparison (pure): pdl and aria2c side by side per scenario and
// connection count, with the ratios taken within the same alternating run.
import { formatSpread, ratio } from './bench-stats.mjs';
import { cellOf } from './bench-verdicts.mjs';

const ROWS = [
  ['U', 'U — uncapped, default integrity'],
  ['TLS', 'TLS — https, self-signed, size/2'],
  ['V', 'V — both given the SHA-256'],
  ['N', 'N — uncapped'],
  ['J4', 'J4 — 4 downloads at once (aria2c -j4)'],
];
const fx = (x) => (x === null || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`);

export function renderLean(samples) {
  const rows = [];
  for (const [scenario, title] of ROWS) {
    const counts = [...new Set(samples.filter((s) => s.scenario === scenario).map((s) => s.connections))];
    for (const connections of counts.sort((a, b) => a - b)) {
      const pdl = cellOf(samples, { scenario, connections, tool: 'pdl' });
      const aria = cellOf(samples, { scenario, connections, tool: 'aria2c' });
      if (!pdl) continue;
      const med = (c, key) => (c?.okRuns ? (c[key]?.med ?? null) : null);
      rows.push(
        `| ${title} | ${connections} | ${formatSpread(pdl.wallS, 2)} | ${formatSpread(aria?.wallS, 2)} | ` +
          `${fx(ratio(med(pdl, 'wallS'), med(aria, 'wallS')))} | ${formatSpread(pdl.cpuS, 2)} | ` +
          `${formatSpread(aria?.cpuS, 2)} | ${fx(ratio(med(pdl, 'cpuS'), med(aria, 'cpuS')))} | ` +
          `${formatSpread(pdl.rssMB, 0)} | ${pdl.okRuns}/${pdl.runs}, ${aria ? `${aria.okRuns}/${aria.runs}` : '–'} |`,
      );
    }
  }
  if (rows.length === 0) return [];
  return [
    '## Fast link: pdl vs aria2c, alternating runs',
    '',
    '| scenario | conns | pdl wall s | aria2c wall s | wall ratio | pdl CPU s | aria2c CPU s | CPU ratio | pdl peak RSS MB | ok runs (pdl, aria2c) |',
    '|---|---:|---|---|---:|---|---|---:|---|---|',
    ...rows,
    '',
    'Ratios are pdl ÷ aria2c of the medians; the two tools ran in turn, so load on the shared machine ' +
      'hits both. aria2c allows at most 16 connections per server (-x16), so at 32 it splits into 32 ' +
      'pieces over 16 connections.',
    '',
  ];
}
