// Everything about the selected download: chunk map, speed, chunk rows, integrity, retry log.
import { useAppStore } from '../app-context';
import { detailsId } from '../store/selection';
import { displayName, STATUS_LABEL } from '../lib/download-labels';
import { formatBytes } from '../lib/format';
import { ChunkMap } from './ChunkMap';
import { ChunkTable } from './ChunkTable';
import { DownloadTimes } from './DownloadTimes';
import { IntegrityList } from './IntegrityList';
import { RefreshUrlForm } from './RefreshUrlForm';
import { RetryLog } from './RetryLog';
import { SpeedGraph } from './SpeedGraph';

const NO_SAMPLES: readonly number[] = [];

export function DetailsPanel() {
  const id = useAppStore((state) => detailsId(state.selection));
  const download = useAppStore((state) => (id === null ? undefined : state.downloads[id]));
  const samples = useAppStore((state) => (id === null ? NO_SAMPLES : (state.speedHistory[id] ?? NO_SAMPLES)));
  if (download === undefined) return null;

  const name = displayName(download);
  return (
    <section className="details" aria-label={`Details of ${name}`}>
      <header className="details-header">
        <div className="details-title">
          <h2>{name}</h2>
          <span className={`status-pill status-${download.status}`}>{STATUS_LABEL[download.status]}</span>
        </div>
        <dl className="details-facts">
          <dt>URL</dt>
          <dd className="mono">{download.finalUrl ?? download.url}</dd>
          <dt>File</dt>
          <dd className="mono">{download.filePath ?? download.directory}</dd>
          <dt>Size</dt>
          <dd>
            {formatBytes(download.downloadedBytes)} of {formatBytes(download.totalBytes)}
            {download.rangeSupported === false && ' · the server does not support ranges: one connection'}
          </dd>
          {download.hostConnectionLimit !== undefined && (
            <>
              <dt>Connections</dt>
              <dd>
                The server allows {download.hostConnectionLimit} connection
                {download.hostConnectionLimit === 1 ? '' : 's'}; using {download.connections}.
              </dd>
            </>
          )}
          {download.error && (
            <>
              <dt>Error</dt>
              <dd className="details-error" role="alert">
                <span className="error-code">{download.error.code}</span> {download.error.message}
              </dd>
            </>
          )}
        </dl>
        <DownloadTimes download={download} />
        {(download.status === 'paused' || download.status === 'failed') && (
          <RefreshUrlForm id={download.id} name={name} />
        )}
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
        <ChunkTable chunks={download.chunks} />
      </div>
      <div className="details-block">
        <h3>Integrity</h3>
        <IntegrityList results={download.integrity} status={download.status} />
      </div>
      <div className="details-block">
        <h3>Retry log ({download.retries.length})</h3>
        <RetryLog retries={download.retries} />
      </div>
    </section>
  );
}
