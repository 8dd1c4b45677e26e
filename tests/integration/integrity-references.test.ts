// Every server-provided reference is checked against the bytes on disk; a wrong one fails the
// download before the file gets its name, a malformed one is reported and never trusted.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness;
const body = makeTestBody(2 * 1024 * 1024 + 99, 77);
const other = makeTestBody(1000, 78);

const b64 = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('base64');
const crcB64 = (data: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32c(data));
  return out.toString('base64');
};

const SOURCES: { name: string; algorithm: string; header: (data: Buffer) => Record<string, string> }[] = [
  { name: 'Content-MD5', algorithm: 'md5', header: (d) => ({ 'Content-MD5': b64('md5', d) }) },
  {
    name: 'Repr-Digest',
    algorithm: 'sha256',
    header: (d) => ({ 'Repr-Digest': `sha-256=:${b64('sha256', d)}:` }),
  },
  {
    name: 'Repr-Digest',
    algorithm: 'sha512',
    header: (d) => ({ 'Repr-Digest': `sha-512=:${b64('sha512', d)}:` }),
  },
  { name: 'Digest', algorithm: 'sha1', header: (d) => ({ Digest: `SHA=${b64('sha1', d)}` }) },
  {
    name: 'x-amz-checksum-sha256',
    algorithm: 'sha256',
    header: (d) => ({ 'x-amz-checksum-sha256': b64('sha256', d) }),
  },
  {
    name: 'x-amz-checksum-crc32c',
    algorithm: 'crc32c',
    header: (d) => ({ 'x-amz-checksum-crc32c': crcB64(d) }),
  },
  { name: 'x-goog-hash', algorithm: 'crc32c', header: (d) => ({ 'x-goog-hash': `crc32c=${crcB64(d)}` }) },
];

useTestServer(
  (started) => (server = started),
  () => harness,
);

describe('server-provided references', () => {
  for (const source of SOURCES) {
    it(`verifies a correct ${source.name} ${source.algorithm}`, async () => {
      harness = createHarness();
      server.setResource('/ref.bin', { body, headers: source.header(body) });
      const result = await harness.download({ url: server.url('/ref.bin'), connections: 4 });
      expect(result.status).toBe('completed');
      const match = result.integrity.find((r) => r.algorithm === source.algorithm && r.status === 'verified');
      expect(match?.source).toBe(source.name.toLowerCase());
    });

    it(`fails on a wrong ${source.name} ${source.algorithm} and keeps the data in the part file`, async () => {
      harness = createHarness();
      server.setResource('/ref.bin', { body, headers: source.header(other) });
      const result = await harness.download({ url: server.url('/ref.bin'), connections: 4 });
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('INTEGRITY_MISMATCH');
      expect(result.error?.message).toContain(`integrity mismatch: ${source.algorithm} expected`);
      expect(fs.existsSync(path.join(harness.dir, 'ref.bin'))).toBe(false);
      expect(sha256(path.join(harness.dir, 'ref.bin.part'))).toBe(sha256(body));
    });
  }

  it('reports a malformed digest header instead of trusting it', async () => {
    harness = createHarness();
    server.setResource('/bad.bin', { body, headers: { 'Repr-Digest': 'sha-256=not-a-byte-sequence' } });
    const result = await harness.download({ url: server.url('/bad.bin') });
    expect(result.status).toBe('completed');
    expect(result.integrity.every((r) => r.status !== 'mismatch')).toBe(true);
    expect(result.integrity.some((r) => r.source === 'repr-digest')).toBe(false);
  });
});

describe('verification across a resume', () => {
  it('still verifies the sha256 and crc32c after pause and resume', async () => {
    harness = createHarness();
    const data = makeTestBody(6 * 1024 * 1024, 79);
    server.setResource('/resumed.bin', {
      body: data,
      perConnectionRateBps: 1_500_000,
      headers: { 'x-goog-hash': `crc32c=${crcB64(data)}` },
    });
    const added = await harness.engine.add({
      url: server.url('/resumed.bin'),
      connections: 4,
      checksums: [{ algorithm: 'sha256', hex: sha256(data) }],
    });
    await harness.downloadedAtLeast(added.id, 2 * 1024 * 1024 + 1);
    await harness.engine.pause(added.id);
    await harness.engine.resume(added.id);
    const done = await harness.waitFor(added.id, (d) => d.status === 'completed' || d.status === 'failed');
    expect(done.status).toBe('completed');
    const statuses = Object.fromEntries(done.integrity.map((r) => [`${r.algorithm}:${r.source}`, r.status]));
    expect(statuses).toMatchObject({ 'sha256:user': 'verified', 'crc32c:x-goog-hash': 'verified' });
  });
});
