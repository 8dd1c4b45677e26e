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

interface Sample {
  at: number;
  bytes: number;
}

/** Records each progress batch's bytes per download. */
function recordProgress(active: Harness): Map<string, Sample[]> {
  const samples = new Map<string, Sample[]>();
  active.engine.on('progressed', (batch) => {
    for (const download of batch.downloads) {
      const list = samples.get(download.id) ?? [];
      list.push({ at: batch.at, bytes: download.downloadedBytes });
      samples.set(download.id, list);
    }
  });
  return samples;
}

/** Bytes per second between the first samples at or past `from` and `to` of the total. */
function rateBetween(samples: Sample[], total: number, from: number, to: number): number {
  const first = samples.find((sample) => sample.bytes >= total * from)!;
  const last = samples.find((sample) => sample.bytes >= total * to)!;
  return (last.bytes - first.bytes) / ((last.at - first.at) / 1000);
}

async function completed(active: Harness, id: string): Promise<DownloadSnapshot> {
  return active.waitFor(id, (d) => d.status === 'completed' || d.status === 'failed');
}

describe("a download's own speed limit", () => {
  it('holds its connections together within 10 % of the limit, and shows the limit', async () => {
    harness = createHarness();
    const body = makeTestBody(4 * MIB, 71);
    server.setResource('/own-limit.bin', { body });
    const samples = recordProgress(harness);
    const limit = MIB;
    const added = await harness.engine.add({
      url: server.url('/own-limit.bin'),
      connections: 4,
      maxBytesPerSecond: limit,
    });
    expect(added.maxBytesPerSecond).toBe(limit);
    const done = await completed(harness, added.id);
    expect(done.status).toBe('completed');
    expect(sha256(done.filePath!)).toBe(sha256(body));
    const rate = rateBetween(samples.get(added.id)!, body.length, 0.2, 0.75);
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
    const samples = recordProgress(harness);
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
    expect(sha256(doneA.filePath!)).toBe(sha256(first));
    expect(sha256(doneB.filePath!)).toBe(sha256(second));
    // Both run side by side over the first half of each; together they stay within the global limit.
    const combined =
      rateBetween(samples.get(a.id)!, first.length, 0.2, 0.5) +
      rateBetween(samples.get(b.id)!, second.length, 0.2, 0.5);
    expect(combined).toBeLessThan(globalLimit * 1.1);
    expect(combined).toBeGreaterThan(globalLimit * 0.6);
  });
});
