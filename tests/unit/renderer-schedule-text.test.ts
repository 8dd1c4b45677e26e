import { describe, expect, it } from 'vitest';
import { scheduleText } from '../../src-renderer/lib/schedule-text';

describe('the footer line about the queue schedule', () => {
  it('says when the queue starts and stops, and nothing without a schedule', () => {
    expect(scheduleText({ queueStartAt: '02:00' })).toBe('Queue starts at 02:00');
    expect(scheduleText({ queueStopAt: '06:30', queueStartAt: '' })).toBe('Queue stops at 06:30');
    expect(scheduleText({ queueStartAt: '22:00', queueStopAt: '06:00' })).toBe(
      'Queue starts at 22:00, stops at 06:00',
    );
    expect(scheduleText({})).toBeUndefined();
  });
});
