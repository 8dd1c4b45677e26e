// Pure: what a download waiting to try again says, in the UI and the CLI alike, counting down on
// the reader's own clock.
import type { RetryWait } from './download-types';

/** Why it waits, in the words of someone looking at the queue. */
export function retryWaitReason(wait: RetryWait): string {
  const { code, status } = wait.error;
  if (code === 'UNREACHABLE') return 'Server unreachable';
  if (status === 503 || status === 429) return 'Server busy';
  if (code === 'TIMEOUT') return 'Server not answering';
  if (code === 'NETWORK') return 'Connection lost';
  return 'Attempt failed';
}

/** "12 s", "1 min 5 s": whole seconds, rounded up so the countdown never shows 0 before the attempt. */
export function formatCountdown(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)} min${rest === 0 ? '' : ` ${rest} s`}`;
}

/** "trying again in 12 s", or "trying again now" once the time has come. */
export function retryCountdown(wait: RetryWait, nowMs: number): string {
  const left = wait.nextAttemptAt - nowMs;
  return `trying again ${left <= 0 ? 'now' : `in ${formatCountdown(left)}`}`;
}

/** "Server unreachable — trying again in 12 s". */
export function retryWaitText(wait: RetryWait, nowMs: number): string {
  return `${retryWaitReason(wait)} — ${retryCountdown(wait, nowMs)}`;
}
