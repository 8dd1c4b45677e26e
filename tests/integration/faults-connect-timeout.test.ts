// A host that never completes the TCP handshake: the connect timeout ends each attempt, on its own
// setting and with its own message, long before the headers timeout would; like a refused
// connection, it is a server that cannot be reached, tried again for as long as the settings say.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness';

let harness: Harness | undefined;
let listener: ChildProcess | undefined;
const fillers: net.Socket[] = [];

afterEach(async () => {
  await harness?.close();
  for (const socket of fillers.splice(0)) socket.destroy();
  listener?.kill();
});

/**
 * A listening port whose accept queue is full: a child process listens with a backlog of 1 and then
 * blocks its event loop without spinning, and a few connections fill the queue. The kernel then
 * drops new SYNs, so connecting hangs exactly like a black-holed host.
 */
async function unacceptingPort(): Promise<number> {
  const script = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(server.address().port + '\\n');
      setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 50);
    });`;
  listener = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) =>
    listener!.stdout!.once('data', (data) => resolve(Number(String(data).trim()))),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let i = 0; i < 8; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return port;
}

describe('connect timeout', () => {
  it('ends each attempt after the connect timeout setting when the host never accepts', async () => {
    const port = await unacceptingPort();
    // Only the connect timeout comes from the settings; a long headers timeout must not be what ends it.
    harness = createHarness(
      { maxRetries: 1, connectTimeoutSeconds: 1, waitForServerSeconds: 0 },
      { timeouts: { headersMs: 20_000, idleMs: 20_000 } },
    );
    const started = Date.now();
    const result = await harness.download({ url: `http://127.0.0.1:${port}/never.bin` });
    const message = `could not connect to the server 127.0.0.1:${port} within 1000 ms`;
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'UNREACHABLE', message });
    expect(result.retries).toHaveLength(1);
    expect(result.retries[0]!.error.message).toBe(message);
    // Two attempts of 1 s each and one short backoff, far from the 20 s headers timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('keeps trying a host that never accepts for the whole wait, then says so', async () => {
    const port = await unacceptingPort();
    harness = createHarness(
      { maxRetries: 0, waitForServerSeconds: 2 },
      { timeouts: { connectMs: 300, headersMs: 20_000, idleMs: 20_000 } },
    );
    const result = await harness.download({ url: `http://127.0.0.1:${port}/never.bin` });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'UNREACHABLE' });
    expect(result.error!.message).toMatch(/within 300 ms; still unreachable after trying for 2 s/);
    // maxRetries 0, yet it was tried again while the wait lasted.
    expect(result.retries.length).toBeGreaterThanOrEqual(2);
  });
});
