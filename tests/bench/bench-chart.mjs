// Hand-written SVG of the chunk-size matrix (pure): throughput vs chunk size, one line per connection
// count, the capped and the uncapped panel side by side; aria2c at the same count as a dashed level.
import { formatSize } from './bench-args.mjs';
import { median } from './bench-stats.mjs';
import { MATRIX_PANELS } from './section-matrix.mjs';

const COLOURS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d'];
const PANEL_W = 460;
const PANEL_H = 300;
const MARGIN = { left: 60, right: 20, top: 80, bottom: 50 };
const GAP = 40;

const esc = (text) => String(text).replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

function niceCeiling(value) {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * step).find((v) => v >= value);
}

function okMedian(samples) {
  const ok = samples.filter((s) => s.ok).map((s) => s.mbps);
  return ok.length ? median(ok) : null;
}

function panelSvg(samples, { panel, title }, { chunkSizes, connectionCounts }, offsetX) {
  const here = samples.filter((s) => s.section === 'matrix' && s.scenario === panel);
  const pdlAt = (n, chunk) =>
    okMedian(here.filter((s) => s.tool === 'pdl' && s.connections === n && s.chunkSize === chunk));
  const ariaAt = (n) => okMedian(here.filter((s) => s.tool === 'aria2c' && s.connections === n));
  const values = connectionCounts.flatMap((n) => [ariaAt(n), ...chunkSizes.map((c) => pdlAt(n, c))]);
  const yMax = niceCeiling(Math.max(0, ...values.filter((v) => v !== null)));
  const x = (i) =>
    offsetX + MARGIN.left + (chunkSizes.length === 1 ? PANEL_W / 2 : (i * PANEL_W) / (chunkSizes.length - 1));
  const y = (v) => MARGIN.top + PANEL_H - (v / yMax) * PANEL_H;
  const parts = [
    `<text x="${offsetX + MARGIN.left + PANEL_W / 2}" y="${MARGIN.top - 12}" text-anchor="middle" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${offsetX + MARGIN.left}" y="${MARGIN.top}" width="${PANEL_W}" height="${PANEL_H}" fill="none" stroke="#999"/>`,
  ];
  for (let t = 0; t <= 5; t++) {
    const v = (yMax * t) / 5;
    parts.push(
      `<line x1="${offsetX + MARGIN.left}" x2="${offsetX + MARGIN.left + PANEL_W}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`,
      `<text x="${offsetX + MARGIN.left - 6}" y="${y(v) + 4}" text-anchor="end">${+v.toFixed(1)}</text>`,
    );
  }
  chunkSizes.forEach((c, i) =>
    parts.push(
      `<text x="${x(i)}" y="${MARGIN.top + PANEL_H + 18}" text-anchor="middle">${formatSize(c)}</text>`,
    ),
  );
  parts.push(
    `<text x="${offsetX + MARGIN.left + PANEL_W / 2}" y="${MARGIN.top + PANEL_H + 40}" text-anchor="middle">chunk size (log scale)</text>`,
    `<text transform="translate(${offsetX + 16} ${MARGIN.top + PANEL_H / 2}) rotate(-90)" text-anchor="middle">MB/s (10^6 B/s)</text>`,
  );
  connectionCounts.forEach((n, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const aria = ariaAt(n);
    if (aria !== null) {
      parts.push(
        `<line x1="${offsetX + MARGIN.left}" x2="${offsetX + MARGIN.left + PANEL_W}" y1="${y(aria)}" y2="${y(aria)}" stroke="${colour}" stroke-dasharray="5 4" stroke-opacity="0.7"/>`,
      );
    }
    // A failed cell breaks the line instead of being drawn as zero.
    let path = '';
    let pen = 'M';
    chunkSizes.forEach((c, i) => {
      const v = pdlAt(n, c);
      if (v === null) {
        pen = 'M';
        return;
      }
      path += `${pen}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = 'L';
      parts.push(
        `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}"><title>${n} conns, ${formatSize(c)}: ${v.toFixed(1)} MB/s</title></circle>`,
      );
    });
    if (path) parts.push(`<path d="${path.trim()}" fill="none" stroke="${colour}" stroke-width="2"/>`);
  });
  return parts.join('\n');
}

function legend(connectionCounts) {
  const items = connectionCounts.map((n, k) => {
    const lx = MARGIN.left + k * 110;
    const colour = COLOURS[k % COLOURS.length];
    return `<line x1="${lx}" x2="${lx + 24}" y1="46" y2="46" stroke="${colour}" stroke-width="2"/><text x="${lx + 30}" y="50">${n} conn${n > 1 ? 's' : ''}</text>`;
  });
  const lx = MARGIN.left + connectionCounts.length * 110;
  items.push(
    `<line x1="${lx}" x2="${lx + 24}" y1="46" y2="46" stroke="#555" stroke-dasharray="5 4"/><text x="${lx + 30}" y="50">aria2c, same connection count</text>`,
  );
  return items.join('\n');
}

/** @returns {string | null} null when the matrix did not run. */
export function renderChart(samples, { chunkSizes, connectionCounts, matrixSize }, machineLine) {
  if (!samples.some((s) => s.section === 'matrix')) return null;
  const panels = MATRIX_PANELS.map((p) => ({
    panel: p.panel,
    title: p.panel === 'capped' ? 'each connection capped at 8 MB/s' : 'uncapped loopback',
  }));
  const width = panels.length * (MARGIN.left + PANEL_W + MARGIN.right) + GAP;
  const height = MARGIN.top + PANEL_H + MARGIN.bottom + 10;
  const body = panels.map((p, i) =>
    panelSvg(samples, p, { chunkSizes, connectionCounts }, i * (MARGIN.left + PANEL_W + MARGIN.right + GAP)),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="14" font-weight="bold">pdl throughput vs chunk size, ${formatSize(matrixSize)} object (median of the successful runs)</text>`,
    `<text x="${width - MARGIN.right}" y="18" text-anchor="end" fill="#666">${esc(machineLine)}</text>`,
    legend(connectionCounts),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
