// One download in the queue grid. It selects only its own snapshot, so a batch re-renders only the
// rows whose downloads changed.
import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { DownloadSnapshot, DownloadStatus } from '../../src-shared/download-types';
import { useAppStore, useCommands } from '../app-context';
import { activeConnections, displayName } from '../lib/download-labels';
import {
  formatAdded,
  rowStatusLabel,
  rowTimesTitle,
  showsProgressBar,
  sizeText,
  speedText,
  timeText,
} from '../lib/row-facts';
import { describeError } from '../lib/error-text';
import { ProgressBar } from './ProgressBar';
import { RetryCountdown } from './RetryCountdown';
import { RowActions } from './RowActions';
import '../styles/queue-cells.css';

const TONE: Partial<Record<DownloadStatus, 'done' | 'failed' | 'paused'>> = {
  completed: 'done',
  failed: 'failed',
  cancelled: 'failed',
  paused: 'paused',
};

/** The DOM id `aria-activedescendant` points at. */
export function rowDomId(id: string): string {
  return `queue-row-${id}`;
}

/** Shift/Ctrl/Cmd+click select rows; without this the browser also selects the text between clicks. */
function preventTextSelection(event: MouseEvent): void {
  if (event.shiftKey || event.ctrlKey || event.metaKey) event.preventDefault();
}

interface QueueRowProps {
  id: string;
  rowIndex: number;
  onMenu: (id: string, x: number, y: number) => void;
}

export const QueueRow = memo(function QueueRow({ id, rowIndex, onMenu }: QueueRowProps) {
  const download = useAppStore((state) => state.downloads[id]);
  const selected = useAppStore((state) => state.selection.ids.includes(id));
  const focused = useAppStore((state) => state.selection.focusId === id);
  const select = useAppStore((state) => state.select);
  const commands = useCommands();
  if (download === undefined) return null;

  const name = displayName(download);
  const onClick = (event: MouseEvent) => {
    const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'replace';
    select(id, mode);
  };
  const onDoubleClick = () => {
    if (download.status === 'completed') void commands.openFile(id);
  };
  const onContextMenu = (event: MouseEvent) => {
    event.preventDefault();
    if (!selected) select(id, 'replace');
    onMenu(id, event.clientX, event.clientY);
  };
  return (
    <tr
      id={rowDomId(id)}
      role="row"
      className={`queue-row status-${download.status}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      aria-selected={selected}
      aria-rowindex={rowIndex}
      data-download-id={id}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onContextMenu={onContextMenu}
      onMouseDown={preventTextSelection}
    >
      <NameCell
        name={name}
        url={download.url}
        shownUrl={download.finalUrl ?? download.url}
        createdAt={download.createdAt}
        completedAt={download.completedAt}
        averageSpeedBps={download.averageSpeedBps}
      />
      <td role="gridcell" className="cell-size num">
        <div className="cell-box">{sizeText(download)}</div>
      </td>
      <td role="gridcell" className="cell-progress">
        <div className="cell-box cell-box-flex">
          {showsProgressBar(download) ? (
            <ProgressBar
              done={download.status === 'completed' ? 1 : download.downloadedBytes}
              total={download.status === 'completed' ? 1 : download.totalBytes}
              label={`Progress of ${name}`}
              tone={TONE[download.status] ?? 'active'}
            />
          ) : (
            <span className="muted">—</span>
          )}
        </div>
      </td>
      <td role="gridcell" className="cell-speed num">
        <div className="cell-box">{speedText(download)}</div>
      </td>
      <td role="gridcell" className="cell-time num">
        <div className="cell-box">{timeText(download)}</div>
      </td>
      <td role="gridcell" className="cell-status">
        <div className="status-stack">
          <span className={`status-pill status-${download.status}`} title={errorTitle(download)}>
            {rowStatusLabel(download)}
          </span>
          {download.error && <span className="error-code">{download.error.code}</span>}
          {download.retryWait && (
            <RetryCountdown wait={download.retryWait} className="retry-wait" reasonShown />
          )}
        </div>
      </td>
      <td role="gridcell" className="cell-connections num" title="Active connections / connections">
        {download.connections === 0 ? '—' : `${activeConnections(download)}/${download.connections}`}
      </td>
      <td role="gridcell" className="cell-added num">
        {formatAdded(download.createdAt, Date.now())}
      </td>
      <td role="gridcell" className="cell-actions">
        <RowActions id={id} status={download.status} name={name} onMenu={onMenu} />
      </td>
    </tr>
  );
});

type NameCellProps = Pick<DownloadSnapshot, 'url' | 'createdAt' | 'completedAt' | 'averageSpeedBps'> & {
  name: string;
  shownUrl: string;
};

/** Its tooltip (dates formatted for the locale) is built again only when its own facts change. */
const NameCell = memo(function NameCell({ name, url, shownUrl, ...times }: NameCellProps) {
  return (
    <td role="gridcell" className="cell-name" title={`${url}\n${rowTimesTitle(times)}`}>
      <div className="name-stack">
        <span className="file-name">{name}</span>
        <span className="file-url">{shownUrl}</span>
      </div>
    </td>
  );
});

/** The pill's tooltip says in words what went wrong; the code stays beside it as a detail. */
/** What the status pill's tooltip says: the problem, or else what the user should know. */
function errorTitle(download: DownloadSnapshot): string | undefined {
  if (!download.error) return download.notice?.message;
  return describeError(download.error, { url: download.url, directory: download.directory }).headline;
}
