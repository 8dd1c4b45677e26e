// PURE: the rate each connection may read at, from the global limit and each download's own limit.
// A download's connections share its own limit equally; the global limit is shared by every running
// connection, and what a download below its fair share leaves unused goes to the others (water
// filling), so the total stays within the global limit and no download exceeds its own.

export interface RunningDownload {
  id: string;
  connections: number;
  /** The download's own limit in bytes per second; 0 = none. */
  limitBps: number;
}

/** Bytes per second for each connection of each download; 0 = unlimited. */
export function planConnectionRates(
  downloads: readonly RunningDownload[],
  globalLimitBps: number,
): Map<string, number> {
  const rates = new Map<string, number>();
  const active = downloads.filter((download) => download.connections > 0);
  const ownRate = (download: RunningDownload): number =>
    download.limitBps > 0 ? download.limitBps / download.connections : Infinity;
  if (globalLimitBps <= 0) {
    for (const download of active) rates.set(download.id, whole(ownRate(download)));
    return rates;
  }
  let budget = globalLimitBps;
  let connections = active.reduce((sum, download) => sum + download.connections, 0);
  // Downloads whose own rate is below the even share take only that; the rest share what is left.
  const byOwnRate = [...active].sort((a, b) => ownRate(a) - ownRate(b));
  let index = 0;
  for (; index < byOwnRate.length; index++) {
    const download = byOwnRate[index]!;
    const rate = ownRate(download);
    if (rate > budget / connections) break;
    rates.set(download.id, whole(rate));
    budget -= rate * download.connections;
    connections -= download.connections;
  }
  const share = connections > 0 ? budget / connections : 0;
  for (const download of byOwnRate.slice(index)) rates.set(download.id, whole(share));
  return rates;
}

/** At least 1 byte per second: 0 means unlimited on the wire. */
function whole(rate: number): number {
  return Number.isFinite(rate) ? Math.max(1, Math.floor(rate)) : 0;
}
