// Medians and ranges over the successful runs of a cell (pure). Failed runs are counted, never averaged.
export const MB = 1e6;
export const GIB = 2 ** 30;

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function spread(values) {
  const present = values.filter((v) => v !== null && Number.isFinite(v));
  if (present.length === 0) return null;
  return { med: median(present), min: Math.min(...present), max: Math.max(...present) };
}

/**
 * @param {Array<{ ok: boolean, failure: string | null, size: number, wallS: number, mbps: number,
 *   cpuS: number | null, maxRssBytes: number | null, verifyLatencyS: number | null }>} samples
 */
export function summarize(samples) {
  const ok = samples.filter((s) => s.ok);
  const cpu = spread(ok.map((s) => s.cpuS));
  return {
    runs: samples.length,
    okRuns: ok.length,
    failures: samples.filter((s) => !s.ok).map((s) => s.failure),
    wallS: spread(ok.map((s) => s.wallS)),
    mbps: spread(ok.map((s) => s.mbps)),
    cpuS: cpu,
    cpuPerGiB: cpu && ok.length ? cpu.med / (ok[0].size / GIB) : null,
    rssMB: spread(ok.map((s) => (s.maxRssBytes === null ? null : s.maxRssBytes / MB))),
    verifyLatencyS: spread(ok.map((s) => s.verifyLatencyS)),
    serverConnections: median(ok.map((s) => s.serverConnections).filter(Number.isFinite)),
    serverRequests: median(ok.map((s) => s.serverRequests).filter(Number.isFinite)),
  };
}

/** "12.3 [11.9–12.8]" or "–" when no run succeeded. */
export function formatSpread(value, digits = 1) {
  if (!value) return '–';
  const f = (x) => x.toFixed(digits);
  return value.min === value.max ? f(value.med) : `${f(value.med)} [${f(value.min)}–${f(value.max)}]`;
}

export function ratio(a, b) {
  return a === null || b === null || a === undefined || b === undefined || b === 0 ? null : a / b;
}
