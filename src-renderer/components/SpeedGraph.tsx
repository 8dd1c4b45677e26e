// The download's recent speed, from the samples the store keeps (bounded history).
import { formatSpeed } from '../lib/format';

const WIDTH = 300;
const HEIGHT = 60;

export function SpeedGraph({ samples }: { samples: readonly number[] }) {
  const peak = samples.reduce((max, value) => Math.max(max, value), 0);
  const current = samples.length > 0 ? samples[samples.length - 1] : 0;
  const label = `Speed graph: now ${formatSpeed(current)}, peak ${formatSpeed(peak)}`;
  if (samples.length < 2 || peak <= 0) {
    return (
      <div className="speed-graph speed-graph-empty" role="img" aria-label={label}>
        The speed shows here while the download runs
      </div>
    );
  }
  const step = WIDTH / (samples.length - 1);
  const points = samples.map(
    (value, i) => `${(i * step).toFixed(1)},${(HEIGHT - (value / peak) * (HEIGHT - 4)).toFixed(1)}`,
  );
  const line = points.join(' ');
  return (
    <figure className="speed-graph">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <polygon className="speed-area" points={`0,${HEIGHT} ${line} ${WIDTH},${HEIGHT}`} />
        <polyline className="speed-line" points={line} />
      </svg>
      <figcaption>
        <span>now {formatSpeed(current)}</span>
        <span>peak {formatSpeed(peak)}</span>
      </figcaption>
    </figure>
  );
}
