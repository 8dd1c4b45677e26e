// The download's own speed limit, as a fact in the details (nothing when it has none).
import type { DownloadSnapshot } from '../../src-shared/download-types';
import { formatSpeed } from '../lib/format';

export function DownloadLimitFact({ download }: { download: DownloadSnapshot }) {
  if (!download.maxBytesPerSecond) return null;
  return (
    <>
      <dt>Speed limit</dt>
      <dd>{formatSpeed(download.maxBytesPerSecond)} for this download (the global limit still applies)</dd>
    </>
  );
}
