import { describe, expect, it } from 'vitest';
import { ConnectionRates } from '../../src-main/engine/fetch/connection-rates';
import { SpeedLimiter } from '../../src-main/engine/fetch/speed-limiter';
import type { MainToWorker } from '../../src-main/engine/fetch/worker-protocol';

type RateMessage = Extract<MainToWorker, { type: 'rate' }>;

/** A limiter whose messages land in a worker's rate table, as on the wire. */
function setup() {
  const sent: RateMessage[] = [];
  const worker = new ConnectionRates();
  const limiter = new SpeedLimiter((message) => {
    sent.push(message);
    worker.set(message.bytesPerSecond, message.connectionKeyPrefix);
  });
  return { sent, worker, limiter };
}

describe('SpeedLimiter', () => {
  it('sends nothing while no limit applies', () => {
    const { sent, limiter } = setup();
    limiter.apply([{ id: 'a', connections: 4, limitBps: 0 }], 0);
    expect(sent).toEqual([]);
  });

  it("gives a download's connections their share of its own limit, and the others none", () => {
    const { worker, limiter } = setup();
    limiter.apply(
      [
        { id: 'a', connections: 4, limitBps: 400_000 },
        { id: 'b', connections: 2, limitBps: 0 },
      ],
      0,
    );
    expect(worker.rateFor('a:0')).toBe(100_000);
    expect(worker.rateFor('a:3')).toBe(100_000);
    expect(worker.rateFor('b:0')).toBe(0);
  });

  it('keeps every connection within the plan when a global limit applies, whatever the worker picks', () => {
    const { worker, limiter } = setup();
    limiter.apply(
      [
        { id: 'slow', connections: 2, limitBps: 100_000 },
        { id: 'free', connections: 2, limitBps: 0 },
      ],
      1_000_000,
    );
    expect(worker.rateFor('slow:1')).toBe(50_000);
    expect(worker.rateFor('free:1')).toBe(450_000);
  });

  it('sends only changes, and lifts the limit of a download that stopped running', () => {
    const { sent, worker, limiter } = setup();
    const running = [{ id: 'a', connections: 2, limitBps: 200_000 }];
    limiter.apply(running, 0);
    limiter.apply(running, 0);
    expect(sent).toHaveLength(1);
    limiter.apply([], 0);
    expect(sent.at(-1)).toEqual({ type: 'rate', bytesPerSecond: 0, connectionKeyPrefix: 'a:' });
    expect(worker.rateFor('a:0')).toBe(0);
  });

  it('lets a lone new connection use the whole global limit when nothing else runs', () => {
    const { worker, limiter } = setup();
    limiter.apply([], 800_000);
    expect(worker.rateFor('new:0')).toBe(800_000);
  });
});
