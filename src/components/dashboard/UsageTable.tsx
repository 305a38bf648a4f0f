/**
 * Usage per bucket as a table: the text alternative of every usage chart
 * (days, hours, minutes, 2-hour intervals), one row per bucket with its peak,
 * average and distinct users, and sessions where known.
 */
import type { ReactNode } from 'react';

export interface UsageRow {
  key: string;
  label: string;
  peak: number;
  average: number;
  /** Null while still being counted: the cell says so (and is marked busy). */
  distinctUsers: number | null;
  sessions?: number | undefined;
}

interface Props<R extends UsageRow> {
  /** The table's accessible name. */
  label: string;
  /** The first column's heading: Day, Minute, Interval… */
  bucket: string;
  rows: readonly R[];
  /** Adds the sessions column. */
  sessions?: boolean;
  className?: string;
  /** The row heading's content, e.g. a drill-down button; the label by default. */
  renderLabel?: (row: R) => ReactNode;
  rowClassName?: (row: R) => string | undefined;
}

export function UsageTable<R extends UsageRow>({
  label,
  bucket,
  rows,
  sessions = false,
  className,
  renderLabel,
  rowClassName,
}: Props<R>) {
  return (
    <div className="table-wrap">
      <table aria-label={label} className={className}>
        <thead>
          <tr>
            <th scope="col">{bucket}</th>
            <th scope="col" className="num">
              Peak
            </th>
            <th scope="col" className="num">
              Average
            </th>
            <th scope="col" className="num">
              Distinct users
            </th>
            {sessions && (
              <th scope="col" className="num">
                Sessions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={rowClassName?.(r)}>
              <th scope="row">{renderLabel ? renderLabel(r) : r.label}</th>
              <td className="num">{r.peak}</td>
              <td className="num">{r.average.toFixed(2)}</td>
              {r.distinctUsers === null ? (
                <td className="num" aria-busy="true">
                  …<span className="visually-hidden"> being counted</span>
                </td>
              ) : (
                <td className="num">{r.distinctUsers}</td>
              )}
              {sessions && <td className="num">{r.sessions ?? 0}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
