/** Rejected rows with file, line, reason and raw text; a page at a time, downloadable whole. */
import { useEffect, useState } from 'react';
import { toCsv } from '../lib/export/csv.ts';
import { downloadText } from './download.ts';
import { formatCount } from '../lib/format.ts';
import { REJECT_REASONS, type RejectReason } from '../lib/ingest/reasons.ts';
import type { Vault } from '../lib/vault.ts';
import { visibleText } from '../lib/visible-text.ts';
import { QueryError } from './QueryError.tsx';
import { useQuery } from './useQuery.ts';

const PAGE = 100;

interface Props {
  vault: () => Promise<Vault>;
  total: number;
  /** Changes whenever the loaded data changes. */
  version: number;
}

export function RejectsTable({ vault, total, version }: Props) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(total / PAGE));

  useEffect(() => setPage(0), [version]);
  // A page's rows only: while another page is read the table says so instead of showing the last one.
  const rows = useQuery(async () => (await vault()).rejects(PAGE, page * PAGE), [vault, page], {
    enabled: total > 0,
    dataVersion: version,
  });

  const [downloadError, setDownloadError] = useState<Error | null>(null);
  const download = async () => {
    setDownloadError(null);
    try {
      const all = await (await vault()).allRejects();
      downloadText(
        'vaultlens-rejects.csv',
        toCsv(all, ['file', 'line', 'reason', 'message', 'raw']),
        'text/csv;charset=utf-8',
      );
    } catch (e) {
      setDownloadError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  if (total === 0) return null;
  return (
    <section className="panel" aria-labelledby="rejects-title">
      <div className="panel__head">
        <h2 id="rejects-title">Rejected rows ({formatCount(total)})</h2>
        <button type="button" className="button" onClick={() => void download()}>
          Download rejects (CSV)
        </button>
      </div>
      <QueryError error={downloadError} lead="The rejected rows could not be downloaded" />
      <QueryError error={rows.error} lead="The rejected rows could not be read" />
      <div className="table-wrap">
        <table aria-label="Rejected rows" aria-busy={rows.pending}>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Raw text</th>
            </tr>
          </thead>
          <tbody>
            {rows.pending && (
              <tr>
                <td colSpan={4} className="muted">
                  Reading the rejected rows…
                </td>
              </tr>
            )}
            {rows.data?.map((r) => (
              <tr key={`${r.file}:${r.line}`}>
                <td>{visibleText(r.file)}</td>
                <td className="num">{r.line}</td>
                <td>
                  <span className="reason">{REJECT_REASONS[r.reason as RejectReason] ?? r.reason}</span>:{' '}
                  {visibleText(r.message)}
                </td>
                <td>
                  <code className="raw">{visibleText(r.raw)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label="Rejected rows pages">
          <button type="button" className="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page + 1} of {pages}
          </span>
          <button type="button" className="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
