// The queue's scheduled start and stop in local time, driven by a fake clock: no waiting.
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings } from '../../src-main/engine/engine-settings';
import { heldWhenSet, nextOccurrence, QueueSchedule } from '../../src-main/engine/queue-schedule';
import { validateSettingsPatch } from '../../src-shared/ipc-guards';
import { FakeClock } from '../support/fake-clock';

const MINUTE = 60_000;

/** A fake clock showing `hh:mm` local time on some day. */
function clockAt(hours: number, minutes: number): FakeClock {
  const clock = new FakeClock();
  const day = new Date(clock.now());
  const target = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1, hours, minutes).getTime();
  clock.advance(target - clock.now());
  return clock;
}

function watch(clock: FakeClock) {
  const changes: boolean[] = [];
  const schedule = new QueueSchedule(clock, (held) => changes.push(held));
  return { schedule, changes };
}

describe('the queue schedule', () => {
  it('finds the next local HH:MM today, or tomorrow once it has passed', () => {
    const clock = clockAt(1, 30);
    expect(nextOccurrence(clock.now(), '02:00') - clock.now()).toBe(30 * MINUTE);
    expect(nextOccurrence(clock.now(), '01:30') - clock.now()).toBe(24 * 60 * MINUTE);
  });

  it('holds the queue until the start time, then lets it run', () => {
    const clock = clockAt(23, 0);
    const { schedule, changes } = watch(clock);
    schedule.apply({ queueStartAt: '02:00' });
    expect(schedule.held).toBe(true);
    clock.advance(3 * 60 * MINUTE - 1);
    expect(schedule.held).toBe(true);
    clock.advance(1);
    expect(schedule.held).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('stops at the stop time and starts again at the next start, every day', () => {
    const clock = clockAt(3, 0);
    const { schedule, changes } = watch(clock);
    schedule.apply({ queueStartAt: '02:00', queueStopAt: '06:00' });
    expect(schedule.held).toBe(false);
    clock.advance(3 * 60 * MINUTE);
    expect(schedule.held).toBe(true);
    clock.advance(20 * 60 * MINUTE);
    expect(schedule.held).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('runs inside a window that crosses midnight and waits outside it', () => {
    const night = { queueStartAt: '22:00', queueStopAt: '06:00' };
    expect(heldWhenSet(clockAt(23, 0).now(), night)).toBe(false);
    expect(heldWhenSet(clockAt(12, 0).now(), night)).toBe(true);
  });

  it('with only a stop time, runs until it and then waits', () => {
    const clock = clockAt(5, 0);
    const { schedule } = watch(clock);
    schedule.apply({ queueStopAt: '06:00' });
    expect(schedule.held).toBe(false);
    clock.advance(60 * MINUTE);
    expect(schedule.held).toBe(true);
  });

  it('clearing the times releases a held queue and leaves no timer behind', () => {
    const clock = clockAt(23, 0);
    const { schedule } = watch(clock);
    schedule.apply({ queueStartAt: '02:00' });
    schedule.apply({ queueStartAt: '', queueStopAt: '' });
    expect(schedule.held).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('accepts HH:MM or empty in the engine and the IPC guard alike, and nothing else', () => {
    const settings = applySettingsPatch(defaultSettings(), { queueStartAt: '02:00', queueStopAt: '' });
    expect(settings).toMatchObject({ queueStartAt: '02:00', queueStopAt: '' });
    for (const bad of ['2:00', '24:00', '02:60', 'soon']) {
      expect(() => applySettingsPatch(defaultSettings(), { queueStartAt: bad })).toThrow(/HH:MM/);
      expect(validateSettingsPatch({ queueStopAt: bad })).toMatchObject({ ok: false });
    }
    expect(validateSettingsPatch({ queueStartAt: '23:59' })).toEqual({
      ok: true,
      value: { queueStartAt: '23:59' },
    });
  });
});
