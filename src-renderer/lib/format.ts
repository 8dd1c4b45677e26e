// Human-readable sizes, speeds and durations for the queue and details.

// Formatters are built once: `toLocaleString` with arguments builds a new one per call, which is most
// of the cost of a progress batch that redraws every chunk row. The options are the defaults of
// Date's toLocaleString / toLocaleTimeString, so the text is the same.
const GROUPED = new Intl.NumberFormat('en-US');
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
const TIME = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: 'numeric', second: 'numeric' });

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  if (bytesPerSecond <= 0) return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}

export function formatPercent(done: number, total: number | undefined): string {
  if (total === undefined || total <= 0) return '';
  return `${Math.min(100, Math.floor((done / total) * 100))}%`;
}

export function formatRange(start: number, end: number): string {
  return `${GROUPED.format(start)}–${GROUPED.format(end)}`;
}

export function formatTime(epochMs: number): string {
  return TIME.format(epochMs);
}

export function formatDateTime(epochMs: number): string {
  return DATE_TIME.format(epochMs);
}
