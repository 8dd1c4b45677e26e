// Totals under the queue.
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app-context';
import { isActive } from '../lib/download-labels';
import { formatSpeed } from '../lib/format';
import { visibleIds } from '../lib/queue-view';
import { scheduleText } from '../lib/schedule-text';

export function QueueFooter() {
  const totals = useAppStore(
    useShallow((state) => {
      let active = 0;
      let speedBps = 0;
      for (const id of state.order) {
        const download = state.downloads[id];
        if (download === undefined) continue;
        if (!isActive(download.status)) continue;
        active += 1;
        speedBps += download.speedBps;
      }
      return {
        count: state.order.length,
        shown: visibleIds(state.downloads, state.order, state.view).length,
        active,
        speedBps,
        selected: state.selection.ids.length,
      };
    }),
  );
  const schedule = useAppStore((state) => (state.settings ? scheduleText(state.settings) : undefined));
  return (
    <footer className="queue-footer" aria-label="Totals">
      <span>
        {totals.count} {totals.count === 1 ? 'download' : 'downloads'}
      </span>
      {totals.shown < totals.count && <span>{totals.shown} shown</span>}
      <span>{totals.active} active</span>
      {totals.selected > 0 && <span>{totals.selected} selected</span>}
      {schedule && <span className="footer-schedule">{schedule}</span>}
      <span className="footer-speed" aria-label="Total speed">
        ↓ {formatSpeed(totals.speedBps)}
      </span>
    </footer>
  );
}
