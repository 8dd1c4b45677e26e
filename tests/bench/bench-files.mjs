// results.json (everything: machine, options, every run, the targets) and results.csv (one row per run).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const CSV_COLUMNS = [
  'section',
  'scenario',
  'tool',
  'connections',
  'chunkSize',
  'size',
  'rep',
  'ok',
  'failure',
  'wallS',
  'mbps',
  'userS',
  'sysS',
  'cpuS',
  'maxRssBytes',
  'verifyLatencyS',
  'integrity',
  'serverConnections',
  'serverRequests',
];

function csvField(value) {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value)
    ? value.join(' ')
    : typeof value === 'number'
      ? String(+value.toFixed(4))
      : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(samples) {
  return (
    [CSV_COLUMNS.join(','), ...samples.map((s) => CSV_COLUMNS.map((k) => csvField(s[k])).join(','))].join(
      '\n',
    ) + '\n'
  );
}

/** Writes the result files into `dir` and returns their paths. */
export async function writeResults(dir, { meta, samples, skipped, verdicts, ui, markdown, svg }) {
  await mkdir(dir, { recursive: true });
  const files = {
    json: join(dir, 'results.json'),
    csv: join(dir, 'results.csv'),
    markdown: join(dir, 'results.md'),
    svg: join(dir, 'chart.svg'),
  };
  await writeFile(files.json, `${JSON.stringify({ meta, verdicts, skipped, samples, ui }, null, 2)}\n`);
  await writeFile(files.csv, toCsv(samples));
  await writeFile(files.markdown, `${markdown}\n`);
  if (svg) await writeFile(files.svg, svg);
  else delete files.svg;
  return files;
}
