import { describe, expect, it } from 'vitest';
import { createHarness, useTestServer, type Harness } from '../support/engine-harness';
import { makeTestBody } from '../support/test-body';
import type { TestServer } from '../support/test-server';

let server: TestServer;
let harness: Harness | undefined;
useTestServer(
  (started) => (server = started),
  () => harness,
);

describe('proxy configuration', () => {
  it('fails a download with a sentence naming the variable when the environment proxy is unusable', async () => {
    harness = createHarness({}, { proxyEnvironment: { http_proxy: 'ftp://proxy.example:21' } });
    server.setResource('/env-proxy.bin', { body: makeTestBody(1024, 81) });
    const result = await harness.download({ url: server.url('/env-proxy.bin') });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: /the http_proxy variable is not usable/,
    });
    expect(server.requests()).toHaveLength(0);
  });
});
