/** Bytes and rows while a load runs, and the way out of it. */
import type { LoadProgress as Progress } from '../lib/ingest/load.ts';
import { formatBytes, formatCount } from '../lib/format.ts';

export function LoadProgress({ progress, onCancel }: { progress: Progress | null; onCancel: () => void }) {
  const label = progress
    ? `${progress.file} (${progress.fileIndex + 1} of ${progress.fileCount}): ${formatBytes(progress.bytesRead)} of ${formatBytes(
        progress.bytesTotal,
      )} · ${formatCount(progress.rowsRead)} rows`
    : 'Starting…';
  return (
    <div className="load-progress" role="group" aria-label="Loading">
      <progress
        aria-label="Loading progress"
        max={progress?.bytesTotal || 1}
        value={progress ? progress.bytesRead : undefined}
      />
      <span className="load-progress__text" aria-live="polite">
        {label}
      </span>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
