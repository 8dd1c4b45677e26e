// Everything about the selected download: what went wrong and how to fix it, the segment bar, speed,
// chunk rows, integrity, retry log. Resizable from its top edge; it opens scrolled to the top.
import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { useAppStore } from '../app-context';
import { detailsId } from '../store/selection';
import { emptyRetryLogText, fixFor, savedFilePath } from '../lib/details-facts';
import { displayName, STATUS_LABEL } from '../lib/download-labels';
import { describeError } from '../lib/error-text';
import { formatBytes } from '../lib/format';
import { ChecksumFix } from './ChecksumFix';
import { ChunkMap } from './ChunkMap';
import { ChunkTable } from './ChunkTable';
import { DownloadLimitFact } from './DownloadLimitFact';
import { DownloadTimes } from './DownloadTimes';
import { IntegrityList } from './IntegrityList';
import { PanelResizer } from './PanelResizer';
import { RefreshUrlForm } from './RefreshUrlForm';
import { RetryCountdown } from './RetryCountdown';
import { RetryLog } from './RetryLog';
import { SpeedGraph } from './SpeedGraph';

const NO_SAMPLES: readonly number[] = [];

export function DetailsPanel() {
  const id = useAppStore((state) => detailsId(state.selection));
  const download = useAppStore((state) => (id === null ? undefined : state.downloads[id]));
  const samples = useAppStore((state) => (id === null ? NO_SAMPLES : (state.speedHistory[id] ?? NO_SAMPLES)));
  const panel = useRef<HTMLElement>(null);
  // Null until the user resizes: the stylesheet's default height applies.
  const [height, setHeight] = useState<number | null>(null);

  // Another download's details start at the top, not at the previous one's scroll position.
  useEffect(() => {
    if (panel.current !== null) panel.current.scrollTop = 0;
  }, [id]);

  if (download === undefined) return null;

  const name = displayName(download);
  const error = download.error
    ? describeError(download.error, { url: download.finalUrl ?? download.url, directory: download.directory })
    : null;
  const savedPath = savedFilePath(download);
  const fix = fixFor(download);
  const style = height === null ? undefined : ({ '--details-height': `${height}px` } as CSSProperties);
  return (
    <section ref={panel} className="details" aria-label={`Details of ${name}`} style={style}>
      <PanelResizer height={height} current={() => panel.current?.offsetHeight ?? 0} onResize={setHeight} />
      <header className="details-header">
        <div className="details-title">
          <h2>{name}</h2>
          <span className={`status-pill status-${download.status}`}>{STATUS_LABEL[download.status]}</span>
        </div>
        <dl className="details-facts">
          <dt>URL</dt>
          <dd className="mono">{download.finalUrl ?? download.url}</dd>
          {savedPath === null ? (
            <>
              <dt>Folder</dt>
              <dd className="mono">{download.directory}</dd>
            </>
          ) : (
            <>
              <dt>File</dt>
              <dd className="mono">{savedPath}</dd>
            </>
          )}
          <dt>Size</dt>
          <dd>
            {formatBytes(download.downloadedBytes)} of {formatBytes(download.totalBytes)}
            {download.rangeSupported === false && ' · the server does not support ranges: one connection'}
          </dd>
          <DownloadLimitFact download={download} />
          {download.hostConnectionLimit !== undefined && (
            <>
              <dt>Connections</dt>
              <dd>
                The server allows {download.hostConnectionLimit} connection
                {download.hostConnectionLimit === 1 ? '' : 's'}; using {download.connections}.
              </dd>
            </>
          )}
          {download.notice && (
            <>
              <dt>Note</dt>
              <dd className="details-notice" role="status">
                {download.notice.message}
              </dd>
            </>
          )}
          {download.retryWait && (
            <>
              <dt>Next attempt</dt>
              <dd>
                <RetryCountdown wait={download.retryWait} className="details-retry-wait" />
              </dd>
            </>
          )}
          {error !== null && (
            <>
              <dt>Problem</dt>
              <dd className="details-error" role="alert">
                <span className="details-error-text">{error.headline}</span>
                <small className="error-detail">{error.detail}</small>
              </dd>
            </>
          )}
        </dl>
        <DownloadTimes download={download} />
        {fix === 'checksum' && <ChecksumFix key={download.id} download={download} />}
        {fix === 'new-link' && <RefreshUrlForm id={download.id} name={name} />}
      </header>
      <div className="details-visuals">
        <div className="details-block details-chunks">
          <h3>Chunks ({download.chunks.length})</h3>
          <ChunkMap chunks={download.chunks} totalBytes={download.totalBytes} />
        </div>
        <div className="details-block details-speed">
          <h3>Speed</h3>
          <SpeedGraph samples={samples} />
        </div>
      </div>
      <div className="details-block">
        <ChunkTable key={download.id} chunks={download.chunks} />
      </div>
      <div className="details-block">
        <h3>Integrity</h3>
        <IntegrityList results={download.integrity} status={download.status} />
      </div>
      <div className="details-block">
        <h3>Retry log ({download.retries.length})</h3>
        <RetryLog
          retries={download.retries}
          emptyText={emptyRetryLogText(download)}
          url={download.finalUrl ?? download.url}
        />
      </div>
    </section>
  );
}
