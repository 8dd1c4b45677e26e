import { describe, expect, it } from 'vitest';
import type { DownloadStatus } from '../../src-shared/download-types';
import {
  ALL_STATUSES,
  COMMANDS,
  RUNNING_STATUSES,
  TRANSITIONS,
  accepts,
  canMove,
} from '../../src-main/engine/job/job-status';

function reachableFrom(start: DownloadStatus): Set<DownloadStatus> {
  const seen = new Set<DownloadStatus>([start]);
  const queue = [start];
  for (let status = queue.shift(); status; status = queue.shift()) {
    for (const next of TRANSITIONS[status]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('the download status table', () => {
  it('lists every status, and each move leads to a listed status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL_STATUSES].sort());
    for (const from of ALL_STATUSES) for (const to of TRANSITIONS[from]) expect(ALL_STATUSES).toContain(to);
  });

  it('allows exactly the listed moves', () => {
    for (const from of ALL_STATUSES) {
      for (const to of ALL_STATUSES) expect(canMove(from, to)).toBe(TRANSITIONS[from].includes(to));
    }
  });

  it('reaches every status from a new download', () => {
    expect(reachableFrom('queued')).toEqual(new Set(ALL_STATUSES));
  });

  it('ends only in completed; every other status can still move on', () => {
    for (const status of ALL_STATUSES) expect(TRANSITIONS[status].length === 0).toBe(status === 'completed');
  });

  it('lets every running download be paused, cancelled, failed, or queued again by quitting', () => {
    for (const status of RUNNING_STATUSES) {
      for (const to of ['paused', 'cancelled', 'failed', 'queued'] as const)
        expect(canMove(status, to)).toBe(true);
    }
  });

  it('never moves into a status without a way in, and never from completed back to work', () => {
    expect(canMove('completed', 'queued')).toBe(false);
    expect(canMove('paused', 'downloading')).toBe(false);
    expect(canMove('queued', 'downloading')).toBe(false);
  });

  it('accepts cancel in every status except completed and cancelled', () => {
    for (const status of ALL_STATUSES) {
      expect(accepts('cancel', status)).toBe(status !== 'completed' && status !== 'cancelled');
    }
  });

  it('only accepts a command where the move it makes is allowed', () => {
    const moveOf = {
      start: 'probing',
      pause: 'paused',
      resume: 'queued',
      cancel: 'cancelled',
      retry: 'queued',
      recheck: 'verifying',
    } as const;
    for (const [command, to] of Object.entries(moveOf) as [keyof typeof moveOf, DownloadStatus][]) {
      for (const status of COMMANDS[command]) {
        // Pause and cancel of a running download end its run first; the run's end makes the move.
        expect(canMove(status, to)).toBe(true);
      }
    }
    expect(COMMANDS['refresh-url']).toEqual(['paused', 'failed']);
  });
});
