// The issues' targets checked against the measured medians (pure). A target whose pdl cell had a
// failed run fails too: a fast wrong file is not a result.
import { ratio, summarize } from './bench-stats.mjs';
import { idealRateBps, TARGET_CONNECTIONS } from './section-targets.mjs';

const MB = 1e6;
export const RSS_LIMIT_MB = 120;
/** Peak RSS of the U download (512 MiB, 8 connections). */
export const U_RSS_LIMIT_MB = 100;
/** "Flat in file size": the large file's median peak within this factor of the small file's. */
export const RSS_FLAT_FACTOR = 1.1;

/** Summary of the samples matching `where` (field values, or a predicate), null when there are none. */
export function cellOf(samples, where) {
  const matches =
    typeof where === 'function' ? where : (s) => Object.entries(where).every(([k, v]) => s[k] === v);
  const matching = samples.filter(matches);
  return matching.length ? summarize(matching) : null;
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const times = (x) => `${x.toFixed(2)}×`;

const latencyWithin = (limitS) => (c) =>
  c.verifyLatencyS
    ? { text: `${c.verifyLatencyS.med.toFixed(3)} s`, pass: c.verifyLatencyS.med <= limitS }
    : null;

function verdict(id, goal, cell, compute) {
  if (!cell) return { id, goal, measured: 'not measured', pass: null };
  if (cell.okRuns < cell.runs) {
    return { id, goal, measured: `${cell.runs - cell.okRuns}/${cell.runs} runs failed`, pass: false };
  }
  const result = compute(cell);
  if (!result) return { id, goal, measured: 'no comparison (competitor missing or failed)', pass: null };
  return { id, goal, measured: result.text, pass: result.pass };
}

export function evaluateTargets(samples, size) {
  const pdl = (scenario, extra = {}) => cellOf(samples, { scenario, tool: 'pdl', ...extra });
  const aria = (scenario) => cellOf(samples, { scenario, tool: 'aria2c' });
  const tIdeal = idealRateBps('T', TARGET_CONNECTIONS) / MB;
  const s1IdealS = size / idealRateBps('S1', TARGET_CONNECTIONS);
  const throughputVsAria2c = (scenario, least) => (c) => {
    const a = aria(scenario);
    const r = ratio(c.mbps.med, a?.okRuns ? a.mbps.med : null);
    return r === null ? null : { text: `${times(r)} (pdl/aria2c)`, pass: r >= least };
  };
  /** pdl's median `key` over aria2c's in the same scenario (same alternating run). */
  const versusAria2c = (scenario, key, most) => (c) => {
    const a = aria(scenario);
    const r = ratio(c[key]?.med ?? null, a?.okRuns ? (a[key]?.med ?? null) : null);
    return r === null
      ? null
      : { text: `${times(r)} (${c[key].med.toFixed(2)} vs ${a[key].med.toFixed(2)} s)`, pass: r <= most };
  };
  const rssSmall = pdl('RSS');
  const rssLarge = pdl('U', { size });
  const rssAll =
    rssSmall && rssLarge
      ? cellOf(
          samples,
          (s) => s.tool === 'pdl' && (s.scenario === 'RSS' || (s.scenario === 'U' && s.size === size)),
        )
      : null;
  return [
    verdict('T: throughput vs ideal 64 MB/s', '≥ 98%', pdl('T'), (c) => ({
      text: `${pct(c.mbps.med / tIdeal)} (${c.mbps.med.toFixed(1)} MB/s)`,
      pass: c.mbps.med / tIdeal >= 0.98,
    })),
    verdict('T: throughput vs aria2c', '≥ 1.00×', pdl('T'), throughputVsAria2c('T', 1)),
    verdict(`S1: time vs ideal ${s1IdealS.toFixed(2)} s`, '≤ 1.03×', pdl('S1'), (c) => ({
      text: `${times(c.wallS.med / s1IdealS)} (${c.wallS.med.toFixed(2)} s)`,
      pass: c.wallS.med / s1IdealS <= 1.03,
    })),
    verdict('U: wall time vs aria2c', '≤ 0.90×', pdl('U', { size }), versusAria2c('U', 'wallS', 0.9)),
    verdict('U: CPU vs aria2c', '≤ 1.50×', pdl('U', { size }), versusAria2c('U', 'cpuS', 1.5)),
    verdict('U: peak RSS of pdl (median)', `≤ ${U_RSS_LIMIT_MB} MB`, pdl('U', { size }), (c) =>
      c.rssMB ? { text: `${c.rssMB.med.toFixed(0)} MB`, pass: c.rssMB.med <= U_RSS_LIMIT_MB } : null,
    ),
    verdict('TLS: wall time vs aria2c', '≤ 1.00×', pdl('TLS'), versusAria2c('TLS', 'wallS', 1)),
    verdict('TLS: CPU vs aria2c', '≤ 1.50×', pdl('TLS'), versusAria2c('TLS', 'cpuS', 1.5)),
    verdict(
      'V: wall time vs aria2c, both verifying SHA-256',
      '≤ 0.60×',
      pdl('V'),
      versusAria2c('V', 'wallS', 0.6),
    ),
    verdict(`RSS: peak of pdl (max of all runs)`, `≤ ${RSS_LIMIT_MB} MB`, rssAll, (c) =>
      c.rssMB ? { text: `${c.rssMB.max.toFixed(0)} MB`, pass: c.rssMB.max <= RSS_LIMIT_MB } : null,
    ),
    verdict('RSS: flat in file size (size vs size/4)', `≤ ${RSS_FLAT_FACTOR}×`, rssAll, () => {
      const r = ratio(rssLarge.rssMB?.med ?? null, rssSmall.rssMB?.med ?? null);
      return r === null ? null : { text: times(r), pass: r <= RSS_FLAT_FACTOR };
    }),
    verdict('I: last byte → verified, uncapped', '≤ 0.100 s', pdl('I'), latencyWithin(0.1)),
    verdict('I-T: last byte → verified, 8 × 8 MB/s', '≤ 0.100 s', pdl('I-T'), latencyWithin(0.1)),
    verdict('I: throughput with SHA-256 + CRC-32C', '≥ 500 MB/s', pdl('I'), (c) => ({
      text: `${c.mbps.med.toFixed(0)} MB/s`,
      pass: c.mbps.med >= 500,
    })),
  ];
}
