// The stall watchdog of a response body: silence from the server fails the body, but a thread that
// was itself blocked (a slow disk write) cannot tell whether the server was silent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Exchange, type BodySink } from '../../src-main/engine/fetch/http1-exchange';

const IDLE_MS = 1000;
const TICK_MS = IDLE_MS / 4;

function headAndBody(): { exchange: Exchange; outcome: Promise<unknown>; sink: BodySink } {
  const exchange = new Exchange({ release: () => undefined, resume: () => undefined });
  const head = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n');
  exchange.feed(head, 0, head.length);
  const sink: BodySink = { write: () => 'more', drained: () => Promise.resolve() };
  const outcome = exchange.readBody(sink, IDLE_MS).catch((err: unknown) => err);
  return { exchange, outcome, sink };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Exchange stall watchdog', () => {
  it('fails a body with a retryable TIMEOUT after the idle time without data', async () => {
    const { outcome } = headAndBody();
    await vi.advanceTimersByTimeAsync(IDLE_MS + TICK_MS);
    expect(await outcome).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('does not blame the server for a stretch the thread itself was blocked', async () => {
    const { exchange, outcome } = headAndBody();
    // The thread is busy for longer than the idle time: no timer runs meanwhile, only the clock moves.
    vi.setSystemTime(Date.now() + 3 * IDLE_MS);
    await vi.advanceTimersByTimeAsync(TICK_MS);
    const body = Buffer.from('0123456789');
    exchange.feed(body, 0, body.length);
    expect(await outcome).toBe('complete');
  });
});
