// Checksum results: what was expected, from where, what the file has, and whether they match.
import type { DownloadStatus, IntegrityResult } from '../../src-shared/download-types';

const STATUS_TEXT: Record<IntegrityResult['status'], string> = {
  verified: '✓ Verified',
  mismatch: '✗ Mismatch',
  computed: 'Computed (nothing to compare with)',
};

export function IntegrityList({
  results,
  status,
}: {
  results: readonly IntegrityResult[];
  status: DownloadStatus;
}) {
  if (results.length === 0) {
    const text =
      status === 'completed'
        ? 'No checksum was given and the server sent none.'
        : 'Checked once the whole file is on disk.';
    return <p className="muted">{text}</p>;
  }
  return (
    <table className="detail-table integrity-table" aria-label="Integrity checks">
      <thead>
        <tr>
          <th scope="col">Algorithm</th>
          <th scope="col">Source</th>
          <th scope="col">Expected</th>
          <th scope="col">Actual</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result, i) => (
          <tr
            key={`${result.algorithm}-${result.source ?? ''}-${i}`}
            className={`integrity-${result.status}`}
          >
            <td>{result.algorithm}</td>
            <td>{result.source ?? '—'}</td>
            <td className="mono hash">{result.expected ?? '—'}</td>
            <td className="mono hash">{result.actual}</td>
            <td>
              <span className={`integrity-badge integrity-${result.status}`}>
                {STATUS_TEXT[result.status]}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
