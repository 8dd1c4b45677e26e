// The queue: the header and one row per download id. The id list is compared shallowly, so
// progress batches do not re-render the table itself.
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app-context';
import { EmptyState } from './EmptyState';
import { QueueRow } from './QueueRow';

export function QueueTable() {
  const ids = useAppStore(useShallow((state) => state.order));
  const loaded = useAppStore((state) => state.loaded);
  const connection = useAppStore((state) => state.connection);

  if (!loaded) {
    return (
      <div className="queue-placeholder" role="status">
        {connection === 'unauthorized' ? null : <p>Loading your downloads…</p>}
      </div>
    );
  }
  if (ids.length === 0) return <EmptyState />;
  return (
    <div className="queue-scroll" tabIndex={0} aria-label="Download queue">
      <table className="queue-table" aria-label="Downloads" aria-multiselectable="true">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Progress</th>
            <th scope="col" className="num">
              Speed
            </th>
            <th scope="col" className="num">
              ETA
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Conn.
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <QueueRow key={id} id={id} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
