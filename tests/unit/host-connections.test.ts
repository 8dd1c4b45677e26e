import { describe, expect, it } from 'vitest';
import {
  HostConnectionLimits,
  MAX_CONNECTIONS_PER_HOST,
  RECOVERY_STEP_MS,
} from '../../src-main/engine/job/host-connections';
import { FakeClock } from '../support/fake-clock';

describe('a host’s connection limit', () => {
  it('is absent until the host refuses a connection', () => {
    expect(new HostConnectionLimits(new FakeClock()).limitFor('a.test')).toBeUndefined();
  });

  it('drops to the connections that worked when the host refused one more, for that host only', () => {
    const limits = new HostConnectionLimits(new FakeClock());
    expect(limits.noteRefusal('a.test', 2)).toBe(2);
    expect(limits.limitFor('a.test')).toBe(2);
    expect(limits.limitFor('b.test')).toBeUndefined();
    limits.noteRefusal('a.test', 5);
    expect(limits.limitFor('a.test')).toBe(2);
    limits.noteRefusal('a.test', 0);
    expect(limits.limitFor('a.test')).toBe(1);
  });

  it('recovers one connection per quiet step and is forgotten once back at the maximum', () => {
    const clock = new FakeClock();
    const limits = new HostConnectionLimits(clock);
    limits.noteRefusal('a.test', 2);
    clock.advance(RECOVERY_STEP_MS - 1);
    expect(limits.limitFor('a.test')).toBe(2);
    clock.advance(1);
    expect(limits.limitFor('a.test')).toBe(3);
    clock.advance(RECOVERY_STEP_MS * (MAX_CONNECTIONS_PER_HOST - 3));
    expect(limits.limitFor('a.test')).toBeUndefined();
  });

  it('starts recovering again from a new refusal', () => {
    const clock = new FakeClock();
    const limits = new HostConnectionLimits(clock);
    limits.noteRefusal('a.test', 2);
    clock.advance(RECOVERY_STEP_MS * 2);
    expect(limits.limitFor('a.test')).toBe(4);
    limits.noteRefusal('a.test', 3);
    clock.advance(RECOVERY_STEP_MS - 1);
    expect(limits.limitFor('a.test')).toBe(3);
  });

  it('grants a run what it wants within the host’s and the global limit', () => {
    const limits = new HostConnectionLimits(new FakeClock());
    let allowance = 6;
    const budget = limits.budgetFor('a.test', 8, () => allowance);
    expect(budget.grant()).toBe(6);
    budget.noteRefusal(2);
    expect(budget.hostLimit()).toBe(2);
    expect(budget.grant()).toBe(2);
    allowance = 1;
    expect(budget.grant()).toBe(1);
    expect(limits.budgetFor('b.test', 99, () => 100).grant()).toBe(MAX_CONNECTIONS_PER_HOST);
  });
});
