/* global window -- used inside page.evaluate callbacks, which run in the page */
// UI benchmark: 100 downloads × 16 chunks updating through the real store and components in
// Chromium. Prints batches applied per second, the longest frame, and the longest React commit, then
// the bytes of one progress batch of a 10 GiB download (ui-batch-bytes.mjs).
// Run: node tests/bench/ui-bench.mjs   (needs /usr/bin/chromium; builds the renderer itself), or
// import { runUiBench } and print its rows elsewhere.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { batchBytesLine, measureBatchBytes } from './ui-batch-bytes.mjs';
import { installBenchHost } from './ui-bench-page.mjs';
import { buildRenderer } from './ui-build-renderer.mjs';

const DOWNLOADS = 100;
const CHUNKS = 16;
const DURATION_MS = 10_000;
const RATES = [0, 4, 10];
const FRAME_BUDGET_MS = 16.7;
/** rAF timestamps jitter by up to ~1 ms around the 60 Hz vsync; beyond that a frame was missed. */
const VSYNC_JITTER_MS = 1;
/** The benchmark's own renderer entry: the app over the page's fake host. */
const BENCH_ENTRY = fileURLToPath(new URL('./ui-bench-entry.ts', import.meta.url));
const CONTENT_TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serveDir(root) {
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !(await stat(file).catch(() => null))?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const max = (values) => values.reduce((m, v) => Math.max(m, v), 0);
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/**
 * A reader of the CPU time the page's main thread has used, in ms. Unlike frame times it barely
 * depends on how many other processes share the machine, so runs on a loaded machine compare.
 */
async function mainThreadCpuMs(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'ThreadTime').value * 1000;
  };
}

/** Measures every rate in RATES; resolves with one table row per rate. */
export async function runUiBench() {
  const outDir = await mkdtemp(join(tmpdir(), 'pdl-ui-bench-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  let server;
  try {
    await buildRenderer({ outDir, profiling: true, entry: BENCH_ENTRY });
    server = await serveDir(outDir);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(installBenchHost, { downloads: DOWNLOADS, chunks: CHUNKS });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.getByText(`${DOWNLOADS} downloads`).waitFor();
    // The details panel of one download (16 chunk rows and the chunk map) updates too.
    await page.locator('tr.queue-row').first().click();
    await page.locator('.chunk-map').waitFor();

    const cpuMs = await mainThreadCpuMs(page);
    const run = async (rate, ms) => {
      await page.evaluate(([bps, duration]) => window.__PDL_BENCH_PREPARE__(bps, duration), [rate, ms]);
      const before = await cpuMs();
      const result = await page.evaluate(() => window.__PDL_BENCH__());
      return { ...result, cpuMs: (await cpuMs()) - before };
    };
    // Warm-up, so JIT compilation does not count against the first measured rate.
    await run(10, 2000);
    const rows = [];
    let idleCpuMs = 0;
    for (const rate of RATES) {
      const r = await run(rate, DURATION_MS);
      if (rate === 0) idleCpuMs = r.cpuMs;
      rows.push({
        'batches/s pushed': rate,
        'batches/s applied': +(r.applied / r.elapsed).toFixed(2),
        'longest frame ms': +max(r.frames).toFixed(1),
        'p95 frame ms': +percentile(r.frames, 95).toFixed(1),
        'frames > 16.7 ms (+1 jitter)': r.frames.filter((f) => f > FRAME_BUDGET_MS + VSYNC_JITTER_MS).length,
        frames: r.frames.length,
        'median batch work ms': +percentile(r.batchWork, 50).toFixed(1),
        'longest batch work ms': +max(r.batchWork).toFixed(1),
        'median React commit ms': +percentile(r.commits, 50).toFixed(1),
        'longest React commit ms': +max(r.commits).toFixed(1),
        'long frames (>50 ms)': r.longFrames.length,
        'main-thread CPU ms per batch': rate === 0 ? 0 : +((r.cpuMs - idleCpuMs) / r.applied).toFixed(1),
      });
    }
    return rows;
  } finally {
    await browser.close();
    server?.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

export const UI_BENCH_NOTES = [
  `${DOWNLOADS} downloads × ${CHUNKS} chunks, ${DURATION_MS / 1000} s per rate, Chromium headless; rate 0 = idle page.`,
  'frame = interval between requestAnimationFrame callbacks (60 Hz: 16.7 ms when nothing is missed).',
  'batch work = JSON.parse + store set() + React render/commit of the changed rows (one batch).',
  'React commit = Profiler actualDuration (profiling build of react-dom).',
  "main-thread CPU per batch = CPU time of the page's main thread (all of JS, style, layout, paint) over the run, minus the idle run's, per batch applied: unlike frame times it stays comparable on a loaded machine.",
];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runUiBench();
  console.log('UI benchmark');
  console.table(rows);
  for (const note of UI_BENCH_NOTES) console.log(note);
  console.log(batchBytesLine(await measureBatchBytes()));
}
