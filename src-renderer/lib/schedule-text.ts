// Pure: the footer's line about the queue's schedule, absent when none is set.
import type { EngineSettings } from '../../src-shared/download-types';

export function scheduleText(
  settings: Pick<EngineSettings, 'queueStartAt' | 'queueStopAt'>,
): string | undefined {
  const start = settings.queueStartAt ?? '';
  const stop = settings.queueStopAt ?? '';
  if (start && stop) return `Queue starts at ${start}, stops at ${stop}`;
  if (start) return `Queue starts at ${start}`;
  if (stop) return `Queue stops at ${stop}`;
  return undefined;
}
