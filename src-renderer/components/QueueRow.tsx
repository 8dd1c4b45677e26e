// One download in the queue. It selects only its own snapshot, so a batch re-renders only the
// rows whose downloads changed.
import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { DownloadStatus } from '../../src-shared/download-types';
import { useAppStore } from '../app-context';
import { activeConnections, displayName, STATUS_LABEL } from '../lib/download-labels';
import { formatBytes, formatEta, formatSpeed } from '../lib/format';
import { ProgressBar } from './ProgressBar';
import { RowActions } from './RowActions';

const TONE: Partial<Record<DownloadStatus, 'done' | 'failed' | 'paused'>> = {
  completed: 'done',
  failed: 'failed',
  cancelled: 'failed',
  paused: 'paused',
};

/** Shift/Ctrl/Cmd+click select rows; without this the browser also selects the text between clicks. */
function preventTextSelection(event: MouseEvent): void {
  if (event.shiftKey || event.ctrlKey || event.metaKey) event.preventDefault();
}

function sizeText(done: number, total: number | undefined): string {
  if (total === undefined) return formatBytes(done);
  return done >= total ? formatBytes(total) : `${formatBytes(done)} / ${formatBytes(total)}`;
}

export const QueueRow = memo(function QueueRow({ id, rowIndex }: { id: string; rowIndex: number }) {
  const download = useAppStore((state) => state.downloads[id]);
  const selected = useAppStore((state) => state.selection.ids.includes(id));
  const focused = useAppStore((state) => state.selection.focusId === id);
  const index = useAppStore((state) => state.order.indexOf(id));
  const count = useAppStore((state) => state.order.length);
  const select = useAppStore((state) => state.select);
  if (download === undefined) return null;

  const name = displayName(download);
  const running = download.status === 'downloading';
  const onClick = (event: MouseEvent) => {
    const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'replace';
    select(id, mode);
  };
  return (
    <tr
      className={`queue-row status-${download.status}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      aria-selected={selected}
      aria-rowindex={rowIndex}
      data-download-id={id}
      onClick={onClick}
      onMouseDown={preventTextSelection}
    >
      <td className="cell-name" title={download.url}>
        <div className="name-stack">
          <span className="file-name">{name}</span>
          <span className="file-url">{download.finalUrl ?? download.url}</span>
        </div>
      </td>
      <td className="cell-size num">{sizeText(download.downloadedBytes, download.totalBytes)}</td>
      <td className="cell-progress">
        <ProgressBar
          done={download.downloadedBytes}
          total={download.totalBytes}
          label={`Progress of ${name}`}
          tone={TONE[download.status] ?? 'active'}
        />
      </td>
      <td className="cell-speed num">{running ? formatSpeed(download.speedBps) : '—'}</td>
      <td className="cell-eta num">{running ? formatEta(download.etaSeconds) : '—'}</td>
      <td className="cell-status">
        <div className="status-stack">
          <span className={`status-pill status-${download.status}`} title={download.error?.message}>
            {STATUS_LABEL[download.status]}
          </span>
          {download.error && (
            <span className="error-code" title={download.error.message}>
              {download.error.code}
            </span>
          )}
        </div>
      </td>
      <td className="cell-connections num" title="Active connections / connections">
        {download.connections === 0 ? '—' : `${activeConnections(download)}/${download.connections}`}
      </td>
      <td className="cell-actions">
        <RowActions
          id={id}
          status={download.status}
          hasFile={download.filePath !== undefined}
          name={name}
          index={index}
          count={count}
        />
      </td>
    </tr>
  );
});
