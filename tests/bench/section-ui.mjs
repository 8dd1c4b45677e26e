// The UI benchmark (issue 4, tests/bench/ui-bench.mjs) run last, after the engine sections, so its
// Chromium never competes with a timed download. Loaded lazily: the engine bench needs no browser.
import { existsSync } from 'node:fs';
import { batchBytesLine } from './ui-batch-bytes.mjs';

const CHROMIUM = '/usr/bin/chromium';

/**
 * @returns {Promise<{ rows: Record<string, number>[], notes: string[], batchBytes?: object, error: string | null } | null>}
 *   null when skipped.
 */
export async function runUi(log) {
  if (!existsSync(CHROMIUM)) {
    log(`UI benchmark skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return null;
  }
  log('UI benchmark: 100 downloads x 16 chunks in headless Chromium (about a minute)');
  try {
    const { runUiBench, UI_BENCH_NOTES } = await import('./ui-bench.mjs');
    const { measureBatchBytes } = await import('./ui-batch-bytes.mjs');
    return {
      rows: await runUiBench(),
      notes: UI_BENCH_NOTES,
      batchBytes: await measureBatchBytes(),
      error: null,
    };
  } catch (err) {
    // The engine results are already measured: report the UI failure beside them, do not lose them.
    log(`UI benchmark FAILED: ${err.message}`);
    return { rows: [], notes: [], error: err.message };
  }
}

/** Markdown table of the UI rows, with their notes. */
export function renderUi(ui) {
  if (!ui) return [];
  if (ui.error) return ['## UI benchmark', '', `**FAILED**: ${ui.error}`, ''];
  const columns = Object.keys(ui.rows[0]);
  return [
    '## UI: 100 downloads × 16 chunks updating in Chromium (tests/bench/ui-bench.mjs)',
    '',
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---:').join('|')}|`,
    ...ui.rows.map((row) => `| ${columns.map((c) => row[c]).join(' | ')} |`),
    '',
    ...ui.notes.map((note) => `- ${note}`),
    '',
    `${batchBytesLine(ui.batchBytes)}.`,
    '',
  ];
}
