// Above the queue: actions on the whole queue, the views with their counts, and the search.
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../app-context';
import { useQueueActions } from '../hooks/use-queue-actions';
import { canPause, canResume } from '../lib/download-labels';
import { FILTERS, viewCounts } from '../lib/queue-view';
import type { QueueFilter, QueueView, SortDirection, SortKey } from '../lib/queue-view';
import { Icon } from './Icon';
import '../styles/queue-toolbar.css';

const FILTER_LABEL: Record<QueueFilter, string> = {
  all: 'All',
  active: 'Active',
  completed: 'Completed',
  failed: 'Failed',
};

/** Every sort the header offers, for keyboard users who do not reach the header buttons. */
const SORTS: readonly { value: string; label: string }[] = [
  { value: '', label: 'Queue order' },
  { value: 'name:ascending', label: 'Name, A to Z' },
  { value: 'name:descending', label: 'Name, Z to A' },
  { value: 'size:ascending', label: 'Size, smallest first' },
  { value: 'size:descending', label: 'Size, largest first' },
  { value: 'progress:ascending', label: 'Progress, least first' },
  { value: 'progress:descending', label: 'Progress, most first' },
  { value: 'status:ascending', label: 'Status, failed first' },
  { value: 'status:descending', label: 'Status, completed first' },
  { value: 'added:ascending', label: 'Added, oldest first' },
  { value: 'added:descending', label: 'Added, newest first' },
];

function sortValue(sort: QueueView['sort']): string {
  return sort === null ? '' : `${sort.key}:${sort.direction}`;
}

function parseSort(value: string): QueueView['sort'] {
  if (value === '') return null;
  const [key, direction] = value.split(':') as [SortKey, SortDirection];
  return { key, direction };
}

export function QueueToolbar() {
  const counts = useAppStore(useShallow((state) => viewCounts(state.downloads, state.order)));
  const possible = useAppStore(
    useShallow((state) => {
      const all = state.order.flatMap((id) => (state.downloads[id] ? [state.downloads[id].status] : []));
      return {
        pause: all.some(canPause),
        resume: all.some(canResume),
        clear: all.includes('completed'),
      };
    }),
  );
  const view = useAppStore((state) => state.view);
  const setView = useAppStore((state) => state.setView);
  const actions = useQueueActions();

  return (
    <div className="queue-toolbar" role="toolbar" aria-label="Queue">
      <div className="toolbar-group">
        <button type="button" className="tool-button" disabled={!possible.pause} onClick={actions.pauseAll}>
          <Icon name="pause" />
          <span className="tool-label">Pause all</span>
        </button>
        <button type="button" className="tool-button" disabled={!possible.resume} onClick={actions.resumeAll}>
          <Icon name="play" />
          <span className="tool-label">Resume all</span>
        </button>
        <button
          type="button"
          className="tool-button"
          disabled={!possible.clear}
          title="Takes finished downloads off the list; their files stay"
          onClick={actions.clearCompleted}
        >
          <Icon name="clear" />
          <span className="tool-label">Clear completed</span>
        </button>
      </div>
      <div className="view-switch" role="group" aria-label="Show">
        {FILTERS.map((filter) => (
          <button
            key={filter}
            type="button"
            className="view-button"
            aria-pressed={view.filter === filter}
            onClick={() => setView({ filter })}
          >
            {FILTER_LABEL[filter]} <span className="view-count">{counts[filter]}</span>
          </button>
        ))}
      </div>
      <input
        type="search"
        className="queue-search"
        placeholder="Search"
        aria-label="Search downloads by name or link"
        value={view.search}
        onChange={(event) => setView({ search: event.target.value })}
      />
      <select
        className="queue-sort"
        aria-label="Sort by"
        value={sortValue(view.sort)}
        onChange={(event) => setView({ sort: parseSort(event.target.value) })}
      >
        {SORTS.map((sort) => (
          <option key={sort.value} value={sort.value}>
            {sort.label}
          </option>
        ))}
      </select>
    </div>
  );
}
