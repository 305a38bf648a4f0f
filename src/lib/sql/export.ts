/**
 * The sessions of a period (and item) in the vault's own export columns, so
 * that loading the file again gives the same statistics for that period.
 */
import { EXPORT_COLUMNS } from '../columns.ts';
import { overlapsRange } from './intervals.ts';
import { sqlString, sqlTimestamp } from './literal.ts';

/** ISO 8601 UTC with milliseconds and microseconds only when present. */
function isoSql(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE strftime(${column}, '%Y-%m-%dT%H:%M:%S') ||
    CASE WHEN microsecond(${column}) % 1000000 = 0 THEN '' ELSE '.' || lpad(CAST(microsecond(${column}) % 1000000 AS VARCHAR), 6, '0') END || 'Z' END`;
}

/** Sessions overlapping [rs, re) (epoch µs), in load order. */
export function exportSessionsSql({
  range,
  license,
}: {
  range: { rs: number; re: number };
  /** One license item, or null for all. */
  license: string | null;
}): string {
  // A missing e-mail is written `unknown`, as the vault writes it (read back as missing, docs/DOMAIN.md §8.1).
  const columns = EXPORT_COLUMNS.map((c) =>
    c === 'used_from' || c === 'used_to'
      ? `${isoSql(c)} AS ${c}`
      : c === 'user_email'
        ? `coalesce(user_email, ${sqlString('unknown')}) AS user_email`
        : c,
  );
  return `SELECT ${columns.join(', ')}
FROM sessions
WHERE ${overlapsRange({ from: 'used_from', to: 'used_to', start: sqlTimestamp(range.rs), end: sqlTimestamp(range.re) })}
  ${license === null ? '' : `AND allocated_license = ${sqlString(license)}`}
ORDER BY file_id, line`;
}
