// When a download was added and finished, and how fast it went on average: kept across restarts.
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { formatSpeed, formatTime } from '../lib/format';

export function DownloadTimes({ download }: { download: DownloadSnapshot }) {
  return (
    <dl className="details-facts" aria-label="Times">
      <dt>Added</dt>
      <dd>{formatTime(download.createdAt)}</dd>
      {download.completedAt !== undefined && (
        <>
          <dt>Finished</dt>
          <dd>{formatTime(download.completedAt)}</dd>
        </>
      )}
      {download.averageSpeedBps !== undefined && (
        <>
          <dt>Average speed</dt>
          <dd>{formatSpeed(download.averageSpeedBps)}</dd>
        </>
      )}
    </dl>
  );
}
