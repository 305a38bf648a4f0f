/** What happened to each file of the last load: problems first, then notices. */
import type { FileReport } from '../lib/ingest/load.ts';
import { visibleText } from '../lib/visible-text.ts';

export function FileMessages({ reports }: { reports: FileReport[] }) {
  const problems = reports.filter((r) => r.status !== 'loaded');
  const notices = reports.filter((r) => r.status === 'loaded' && r.notices.length > 0);
  if (problems.length === 0 && notices.length === 0) return null;
  return (
    <div className="messages">
      {problems.length > 0 && (
        <ul className="messages__problems" role="alert" aria-label="Files not loaded">
          {problems.map((r, i) => (
            <li key={i}>{visibleText(r.message ?? '')}</li>
          ))}
        </ul>
      )}
      {notices.length > 0 && (
        <ul className="messages__notices" aria-label="Notices">
          {notices.flatMap((r) =>
            r.notices.map((n, i) => (
              <li key={`${r.name}-${i}`}>
                <strong>{visibleText(r.name)}:</strong> {visibleText(n)}
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  );
}
