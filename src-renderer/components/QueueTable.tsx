// The queue as an ARIA grid: one tab stop, the focused row named by aria-activedescendant, arrow
// keys (use-queue-shortcuts) move focus and selection. Only rows in view are rendered.
import { useCallback, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useCommands, useServices } from '../app-context';
import { ROW_HEIGHT_PX, useVirtualRows } from '../hooks/use-virtual-rows';
import { nextSort, visibleIds } from '../lib/queue-view';
import type { SortKey } from '../lib/queue-view';
import { EmptyState } from './EmptyState';
import { QueueRow, rowDomId } from './QueueRow';
import { QueueToolbar } from './QueueToolbar';
import { RowMenu } from './RowMenu';
import type { MenuRequest } from './RowMenu';

const HEADER_PX = 33;

/** `key` names the cell class the rows use too, so widths and narrow-window hiding are per column. */
const COLUMNS: readonly { key: string; label: string; numeric: boolean; sort?: SortKey }[] = [
  { key: 'name', label: 'Name', numeric: false, sort: 'name' },
  { key: 'size', label: 'Size', numeric: true, sort: 'size' },
  { key: 'progress', label: 'Progress', numeric: false, sort: 'progress' },
  { key: 'speed', label: 'Speed', numeric: true },
  { key: 'time', label: 'Time', numeric: true },
  { key: 'status', label: 'Status', numeric: false, sort: 'status' },
  { key: 'connections', label: 'Conn.', numeric: true },
  { key: 'added', label: 'Added', numeric: true, sort: 'added' },
  { key: 'actions', label: 'Actions', numeric: false },
];

export function QueueTable() {
  const hasAny = useAppStore((state) => state.order.length > 0);
  const ids = useAppStore(useShallow((state) => visibleIds(state.downloads, state.order, state.view)));
  const loaded = useAppStore((state) => state.loaded);
  const connection = useAppStore((state) => state.connection);
  const focusId = useAppStore((state) => state.selection.focusId);
  const view = useAppStore((state) => state.view);
  const setView = useAppStore((state) => state.setView);
  const commands = useCommands();
  const { store } = useServices();
  const gridRef = useRef<HTMLTableElement>(null);
  const focusIndex = focusId === null ? -1 : ids.indexOf(focusId);
  const { scrollRef, first, last } = useVirtualRows(ids.length, focusIndex, HEADER_PX);
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const openMenu = useCallback((id: string, x: number, y: number) => setMenu({ id, x, y }), []);
  // Escape or a chosen item hands the focus back to the grid instead of dropping it on the page.
  const closeMenu = useCallback(() => {
    if (document.activeElement?.closest('.row-menu')) gridRef.current?.focus();
    setMenu(null);
  }, []);

  if (!loaded) {
    return (
      <div className="queue-placeholder" role="status">
        {connection === 'unauthorized' ? null : <p>Loading your downloads…</p>}
      </div>
    );
  }
  if (!hasAny) return <EmptyState />;

  const onGridKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (focusId === null || focusIndex < 0) return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      const box = document.getElementById(rowDomId(focusId))?.getBoundingClientRect();
      if (box !== undefined) setMenu({ id: focusId, x: box.left + 24, y: box.bottom });
      event.preventDefault();
    } else if (event.key === 'Enter' && store.getState().downloads[focusId]?.status === 'completed') {
      void commands.openFile(focusId);
      event.preventDefault();
    }
  };
  return (
    <section className="queue-pane" aria-label="Download queue">
      <QueueToolbar />
      <div className="queue-scroll" ref={scrollRef}>
        <table
          ref={gridRef}
          className="queue-table"
          role="grid"
          tabIndex={0}
          aria-label="Downloads"
          aria-multiselectable="true"
          aria-rowcount={ids.length + 1}
          aria-activedescendant={focusIndex >= 0 ? rowDomId(ids[focusIndex]) : undefined}
          onKeyDown={onGridKeyDown}
        >
          <thead>
            <tr role="row" aria-rowindex={1}>
              {COLUMNS.map(({ key, label, numeric, sort }) => (
                <th
                  key={key}
                  role="columnheader"
                  scope="col"
                  className={`cell-${key}${numeric ? ' num' : ''}`}
                  aria-sort={sort !== undefined && view.sort?.key === sort ? view.sort.direction : undefined}
                >
                  {sort === undefined ? (
                    <span className={key === 'actions' ? 'visually-hidden' : undefined}>{label}</span>
                  ) : (
                    // Mouse only: keyboard users sort with the toolbar's "Sort by", keeping one tab stop here.
                    <button
                      type="button"
                      className="sort-button"
                      tabIndex={-1}
                      onClick={() => setView({ sort: nextSort(view.sort, sort) })}
                    >
                      {label}
                      <span className="sort-mark" aria-hidden="true">
                        {view.sort?.key === sort ? (view.sort.direction === 'ascending' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && (
              <tr className="spacer" aria-hidden="true" style={{ height: first * ROW_HEIGHT_PX }} />
            )}
            {ids.slice(first, last).map((id, i) => (
              <QueueRow key={id} id={id} rowIndex={first + i + 2} onMenu={openMenu} />
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
        {ids.length === 0 && <p className="queue-no-match">No downloads in this view match.</p>}
      </div>
      {menu !== null && <RowMenu request={menu} onClose={closeMenu} />}
    </section>
  );
}
