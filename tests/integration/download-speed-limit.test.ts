// Speed limits measured on a real local server. A loaded machine stalls the test and the workers at
// random, and a bucket refilled during a stall lets a second's worth of bytes through at once, so
// no single stretch of wall-clock time is trusted; the limit is checked two ways instead.
// - Never faster (a bound a stall cannot break): each request's token bucket starts empty and the
//   connections' rates add up to the limit, so by any moment the bytes read are at most the limit
//   times the time since the start, plus one read per request before its bucket pauses it. A stall
//   only makes the download take longer.
// - At the limit most of the time: the median of the rates between samples a second or more apart. A
//   stall lowers the rates across it and the catch-up from the bucket raises the next ones; the
//   median is the rate of the stretches neither touched.
import { describe, expect, it } from 'vitest';
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody } from '../support/test-body';
import type { TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness | undefined;
useTestServer(
  (started) => (server = started),
  () => harness,
);

const MIB = 1024 * 1024;
/**
 * What the connections may read beyond their buckets: one socket read (up to 64 KiB) per request
 * before its bucket pauses it, for the first request, the four connections and the requests that
 * take over a straggler's tail (12 reads; about 330 KiB were measured on an idle machine).
 */
const FIRST_READS_BYTES = 12 * 64 * 1024;
const STRETCH_MS = 1000;

interface Sample {
  at: number;
  bytes: number;
}

/** The bytes of all downloads together after each progress batch. */
function recordTotal(active: Harness): Sample[] {
  const latest = new Map<string, number>();
  const samples: Sample[] = [];
  active.engine.on('progressed', (batch) => {
    for (const download of batch.downloads) latest.set(download.id, download.downloadedBytes);
    samples.push({ at: batch.at, bytes: [...latest.values()].reduce((sum, bytes) => sum + bytes, 0) });
  });
  return samples;
}

/**
 * The rate (bytes/s) the samples between 10 % and 90 % of `total` follow: the median of the rates
 * between every two of them at least a second apart (the Theil-Sen slope), which a stall with its
 * catch-up, or the size of the progress reports, moves little.
 */
function typicalRate(samples: Sample[], total: number): number {
  const steady = samples.filter((s) => s.bytes >= total * 0.1 && s.bytes <= total * 0.9);
  const rates = steady.flatMap((from, i) =>
    steady
      .slice(i + 1)
      .filter((to) => to.at - from.at >= STRETCH_MS)
      .map((to) => (to.bytes - from.bytes) / ((to.at - from.at) / 1000)),
  );
  expect(rates.length).toBeGreaterThanOrEqual(3);
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

/** The least time `bytes` can take at `limit` bytes/s, once the first reads are allowed for. */
function leastMs(bytes: number, limit: number): number {
  return ((bytes - FIRST_READS_BYTES) / limit) * 1000;
}

async function completed(active: Harness, id: string): Promise<DownloadSnapshot> {
  return active.waitFor(id, (d) => d.status === 'completed' || d.status === 'failed');
}

describe("a download's own speed limit", () => {
  it('holds its connections together within 10 % of the limit, and shows the limit', async () => {
    harness = createHarness();
    const body = makeTestBody(4 * MIB, 71);
    server.setResource('/own-limit.bin', { body });
    const samples = recordTotal(harness);
    const limit = MIB;
    const started = Date.now();
    const added = await harness.engine.add({
      url: server.url('/own-limit.bin'),
      connections: 4,
      maxBytesPerSecond: limit,
    });
    expect(added.maxBytesPerSecond).toBe(limit);
    const done = await completed(harness, added.id);
    const tookMs = Date.now() - started;
    expect(done.status).toBe('completed');
    expect(sha256(done.filePath!)).toBe(sha256(body));
    expect(tookMs).toBeGreaterThanOrEqual(leastMs(body.length, limit));
    const rate = typicalRate(samples, body.length);
    expect(rate).toBeGreaterThan(limit * 0.9);
    expect(rate).toBeLessThan(limit * 1.1);
  });

  it('leaves the global limit capping the total of downloads whose own limits add up to more', async () => {
    const globalLimit = MIB;
    harness = createHarness({ speedLimitBps: globalLimit });
    const first = makeTestBody(2 * MIB, 72);
    const second = makeTestBody(2 * MIB, 73);
    server.setResource('/own-a.bin', { body: first });
    server.setResource('/own-b.bin', { body: second });
    const samples = recordTotal(harness);
    const started = Date.now();
    const a = await harness.engine.add({
      url: server.url('/own-a.bin'),
      connections: 2,
      maxBytesPerSecond: MIB,
    });
    const b = await harness.engine.add({
      url: server.url('/own-b.bin'),
      connections: 2,
      maxBytesPerSecond: MIB,
    });
    const [doneA, doneB] = await Promise.all([completed(harness, a.id), completed(harness, b.id)]);
    const tookMs = Date.now() - started;
    expect(sha256(doneA.filePath!)).toBe(sha256(first));
    expect(sha256(doneB.filePath!)).toBe(sha256(second));
    // Their own limits would allow twice the global one; together they stay within it.
    const total = first.length + second.length;
    expect(tookMs).toBeGreaterThanOrEqual(leastMs(total, globalLimit));
    const combined = typicalRate(samples, total);
    expect(combined).toBeLessThan(globalLimit * 1.1);
    expect(combined).toBeGreaterThan(globalLimit * 0.6);
  });
});
