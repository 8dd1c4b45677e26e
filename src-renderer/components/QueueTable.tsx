// The queue: the header and a row per download id in view. The id list is compared shallowly, so
// progress batches do not re-render the table itself.
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app-context';
import { ROW_HEIGHT_PX, useVirtualRows } from '../hooks/use-virtual-rows';
import { EmptyState } from './EmptyState';
import { QueueRow } from './QueueRow';

const HEADER_PX = 33;

/** `key` names the cell class the rows use too, so widths and narrow-window hiding are per column. */
const COLUMNS = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'size', label: 'Size', numeric: true },
  { key: 'progress', label: 'Progress', numeric: false },
  { key: 'speed', label: 'Speed', numeric: true },
  { key: 'eta', label: 'ETA', numeric: true },
  { key: 'status', label: 'Status', numeric: false },
  { key: 'connections', label: 'Conn.', numeric: true },
  { key: 'actions', label: 'Actions', numeric: false },
] as const;

export function QueueTable() {
  const ids = useAppStore(useShallow((state) => state.order));
  const loaded = useAppStore((state) => state.loaded);
  const connection = useAppStore((state) => state.connection);
  const focusIndex = useAppStore((state) =>
    state.selection.focusId === null ? -1 : state.order.indexOf(state.selection.focusId),
  );
  const { scrollRef, first, last } = useVirtualRows(ids.length, focusIndex, HEADER_PX);

  if (!loaded) {
    return (
      <div className="queue-placeholder" role="status">
        {connection === 'unauthorized' ? null : <p>Loading your downloads…</p>}
      </div>
    );
  }
  if (ids.length === 0) return <EmptyState />;
  return (
    <div className="queue-scroll" ref={scrollRef} tabIndex={0} aria-label="Download queue">
      <table className="queue-table" aria-label="Downloads" aria-rowcount={ids.length + 1}>
        <thead>
          <tr>
            {COLUMNS.map(({ key, label, numeric }) => (
              <th key={key} scope="col" className={`cell-${key}${numeric ? ' num' : ''}`}>
                {key === 'actions' ? <span className="visually-hidden">{label}</span> : label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && (
            <tr className="spacer" aria-hidden="true" style={{ height: first * ROW_HEIGHT_PX }} />
          )}
          {ids.slice(first, last).map((id, i) => (
            <QueueRow key={id} id={id} rowIndex={first + i + 2} />
          ))}
          {last < ids.length && (
            <tr
              className="spacer"
              aria-hidden="true"
              style={{ height: (ids.length - last) * ROW_HEIGHT_PX }}
            />
          )}
        </tbody>
      </table>
    </div>
  );
}
