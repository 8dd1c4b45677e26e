// While a running download waits to try again: the countdown to the next attempt, redrawn on the
// renderer's clock. The row shows the reason in its status pill, so it shows only the countdown.
import type { RetryWait } from '../../src-shared/download-types';
import { retryCountdown, retryWaitText } from '../../src-shared/retry-wait-text';
import { useNow } from '../hooks/use-now';

interface RetryCountdownProps {
  wait: RetryWait;
  className: string;
  /** Whether the reason is said elsewhere (the row's pill); otherwise the text says it. */
  reasonShown?: boolean;
}

export function RetryCountdown({ wait, className, reasonShown = false }: RetryCountdownProps) {
  const now = useNow(true);
  const full = retryWaitText(wait, now);
  return (
    <span className={className} title={full}>
      {reasonShown ? retryCountdown(wait, now) : full}
    </span>
  );
}
