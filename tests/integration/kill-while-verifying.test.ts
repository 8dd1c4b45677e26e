// A kill -9 while verifying leaves on disk exactly what the folder holds when verifying begins: the
// part file and its journal. The journal is written when the last byte is on disk, so resuming from
// that state fetches nothing again and still ends with the right file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness, sha256, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody, type TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness | undefined;
let resumedHarness: Harness | undefined;

useTestServer(
  (started) => (server = started),
  () => harness,
);

const body = makeTestBody(16 * 1024 * 1024 + 13, 71);
/** The kernel's send buffer limit here (net.ipv4.tcp_wmem) plus one of the test server's 1 MiB writes. */
const SOCKET_BUFFER_BYTES = 5 * 1024 * 1024;
const bytesServed = () => server.requests().reduce((sum, r) => sum + r.bytesSent, 0);

/** A pid no process has any more: what a killed run's lock holds. */
function deadPid(): string {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
}

describe('a kill -9 while verifying', () => {
  it('resumes without fetching the body again and ends with the right file', async () => {
    harness = createHarness();
    server.setResource('/verify-kill.bin', { body });
    const left = path.join(harness.dir, 'left-by-kill');
    fs.mkdirSync(left);
    const partPath = path.join(harness.dir, 'verify-kill.bin.part');
    // Status events are emitted synchronously: this copy is the folder at the moment verifying began.
    harness.engine.on('status-changed', (snapshot) => {
      if (snapshot.status !== 'verifying' || fs.existsSync(path.join(left, 'verify-kill.bin.part'))) return;
      fs.copyFileSync(partPath, path.join(left, 'verify-kill.bin.part'));
      fs.copyFileSync(`${partPath}.json`, path.join(left, 'verify-kill.bin.part.json'));
      fs.writeFileSync(path.join(left, 'verify-kill.bin.part.lock'), `${deadPid()}\n`);
    });
    const first = await harness.download({ url: server.url('/verify-kill.bin'), connections: 4 });
    expect(first.status).toBe('completed');

    server.reset();
    resumedHarness = createHarness({ directory: left });
    try {
      const resumed = await resumedHarness.download({ url: server.url('/verify-kill.bin') });
      expect(resumed.status).toBe('completed');
      expect(resumed.filePath).toBe(path.join(left, 'verify-kill.bin'));
      expect(sha256(resumed.filePath!)).toBe(sha256(body));
      // Only the first request is sent, and it is dropped once the journal shows nothing is missing:
      // what it carried is what the loopback socket buffers took before that, whatever the file's size.
      expect(server.requests().map((r) => r.range)).toEqual(['bytes=0-']);
      expect(bytesServed()).toBeLessThanOrEqual(SOCKET_BUFFER_BYTES);
      expect(fs.readdirSync(left)).toEqual(['verify-kill.bin']);
    } finally {
      await resumedHarness.close();
      resumedHarness = undefined;
    }
  });
});
