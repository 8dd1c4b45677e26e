import { formatPercent } from '../lib/format';

interface ProgressBarProps {
  done: number;
  total: number | undefined;
  label: string;
  tone?: 'active' | 'done' | 'failed' | 'paused';
}

/** A bar with its percentage; an unknown total shows an indeterminate stripe while running. */
export function ProgressBar({ done, total, label, tone = 'active' }: ProgressBarProps) {
  const known = total !== undefined && total > 0;
  const fraction = known ? Math.min(1, done / total) : 0;
  return (
    <div className="progress">
      <div
        className={`progress-track tone-${tone}${known || tone !== 'active' ? '' : ' indeterminate'}`}
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
