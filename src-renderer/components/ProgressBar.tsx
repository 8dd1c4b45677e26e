import { formatPercent } from '../lib/format';

interface ProgressBarProps {
  done: number;
  total: number | undefined;
  label: string;
  tone?: 'active' | 'done' | 'failed' | 'paused';
}

/**
 * A bar with its percentage. An unknown total while bytes flow shows a moving stripe, never a
 * made-up fraction; stopped with an unknown total, the bar stays empty.
 */
export function ProgressBar({ done, total, label, tone = 'active' }: ProgressBarProps) {
  const known = total !== undefined && total > 0;
  const fraction = known ? Math.min(1, done / total) : 0;
  const indeterminate = !known && tone === 'active';
  return (
    <div className="progress">
      <div
        className={`progress-track tone-${tone}${indeterminate ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? Math.floor(fraction * 100) : undefined}
      >
        <div className="progress-fill" style={known ? { transform: `scaleX(${fraction})` } : undefined} />
      </div>
      <span className="progress-text">{formatPercent(done, total)}</span>
    </div>
  );
}
