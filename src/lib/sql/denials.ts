/**
 * Denials over a range (docs/DOMAIN.md §6): counts by reason, license item,
 * product, user, local hour and local day, and the list. Local hours and days
 * come from a table of hour buckets (idx, start_us, day, hour) made in
 * TypeScript, as everywhere (no ICU).
 */
import { overlapsRange } from './intervals.ts';
import { sqlInt, sqlString, sqlTimestamp } from './literal.ts';

/** A range of denial instants, epoch µs: from `from` (exclusive when `fromOpen`) to `to` (inclusive when `toClosed`). */
export interface DenialRange {
  from: number;
  fromOpen: boolean;
  to: number;
  toClosed: boolean;
}

function where(r: DenialRange): string {
  const at = 'epoch_us(denied_at)';
  return `${at} ${r.fromOpen ? '>' : '>='} ${sqlInt(r.from)} AND ${at} ${r.toClosed ? '<=' : '<'} ${sqlInt(r.to)}`;
}

/** Rows (dim, key, n): dim is total, users, days, reason, license, product, user, hour or day. */
export function denialCountsSql({ hours, range }: { hours: string; range: DenialRange }): string {
  return `WITH d AS (
  SELECT d.*, h.day, h.hour FROM denials d ASOF JOIN ${hours} h ON epoch_us(d.denied_at) >= h.start_us WHERE ${where(range)}
)
SELECT 'total' AS dim, '' AS key, count(*) AS n FROM d
UNION ALL SELECT 'users', '', count(DISTINCT username) FROM d
UNION ALL SELECT 'days', '', count(DISTINCT day) FROM d
UNION ALL SELECT 'reason', reason, count(*) FROM d GROUP BY reason
UNION ALL SELECT 'license', coalesce(requested_license, ${sqlString('(not given)')}), count(*) FROM d GROUP BY 2
UNION ALL SELECT 'product', coalesce(user_product, ${sqlString('(not given)')}), count(*) FROM d GROUP BY 2
UNION ALL SELECT 'user', username, count(*) FROM d GROUP BY username
UNION ALL SELECT 'hour', CAST(hour AS VARCHAR), count(*) FROM d GROUP BY hour
UNION ALL SELECT 'day', day, count(*) FROM d GROUP BY day`;
}

export type DenialListRow = {
  at: number;
  username: string;
  email: string | null;
  product: string | null;
  license: string | null;
  reason: string;
  host: string | null;
  ip: string | null;
};

export function denialListSql({
  range: r,
  search,
  limit,
}: {
  range: DenialRange;
  search: string;
  limit: number;
}): string {
  const needle = search.trim().toLowerCase();
  const match =
    needle === ''
      ? ''
      : ` AND (${['username', 'user_email', 'user_product', 'requested_license', 'reason', 'user_hostname']
          .map((c) => `contains(lower(coalesce(${c}, '')), ${sqlString(needle)})`)
          .join(' OR ')})`;
  return `SELECT epoch_us(denied_at) / 1000.0 AS at, username, user_email AS email, user_product AS product, requested_license AS license,
       reason, user_hostname AS host, user_ip AS ip
FROM denials WHERE ${where(r)}${match}
ORDER BY denied_at DESC, username LIMIT ${sqlInt(limit)}`;
}

/** Whether any denials file is loaded (the report then carries a denials section). */
export function denialFilesSql(): string {
  return "SELECT count(*) AS n FROM files WHERE kind = 'denials'";
}

/** Distinct users with a session overlapping [rs, re) µs: what "denied users" is measured against. */
export function activeUserCountSql(range: { rs: number; re: number }): string {
  const [start, end] = [sqlTimestamp(range.rs), sqlTimestamp(range.re)];
  return `SELECT count(DISTINCT username) AS n FROM sessions
WHERE ${overlapsRange({ from: 'used_from', to: 'used_to', start, end })}`;
}

/** Denials after as-of (µs): outside every window, and said so (docs/DOMAIN.md §8.5). */
export function denialsAfterSql({ asOf }: { asOf: number }): string {
  return `SELECT count(*) AS n, epoch_us(max(denied_at)) / 1000.0 AS latest FROM denials WHERE epoch_us(denied_at) > ${sqlInt(asOf)}`;
}
