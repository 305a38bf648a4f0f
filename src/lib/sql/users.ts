/**
 * Active users (the vault's Active Users tab, and more): per user over a
 * range, the licenses held, products, machines, first and last use, and hours
 * of use, counting time on two machines at once only once.
 */
import { mergedIntervals, overlapsRange } from './intervals.ts';
import { sqlInt, sqlString, sqlTimestamp } from './literal.ts';

export type ActiveUser = {
  username: string;
  /** The e-mail of the user's latest session that has one (the latest start; file and line break a tie). */
  email: string | null;
  licenses: string;
  allocations: number;
  products: string;
  machines: number;
  firstUse: number;
  lastUse: number;
  hours: number;
  sessions: number;
};

/**
 * `rs`, `re`, `asOf` in epoch µs. `license` limits to one item. `search`
 * matches user name, e-mail, license item or product, case-insensitively.
 */
export function activeUsersSql({
  range,
  license,
  search,
}: {
  range: { rs: number; re: number; asOf: number };
  license: string | null;
  search: string;
}): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  const asOf = sqlInt(range.asOf);
  const where = [
    // Only to read less: the overlap below decides.
    `used_from < ${sqlTimestamp(range.re)}`,
    license === null ? 'TRUE' : `allocated_license = ${sqlString(license)}`,
  ].join(' AND ');
  const needle = search.trim().toLowerCase();
  const match =
    needle === ''
      ? ''
      : `HAVING bool_or(contains(lower(username), ${sqlString(needle)}) OR contains(lower(coalesce(user_email, '')), ${sqlString(
          needle,
        )}) OR contains(lower(allocated_license), ${sqlString(needle)}) OR contains(lower(coalesce(user_product, '')), ${sqlString(needle)}))`;
  return `WITH s AS (
  SELECT *, epoch_us(used_from) AS f, least(coalesce(epoch_us(used_to), ${asOf}), ${asOf}) AS t
  FROM sessions WHERE ${where}
), inside AS (
  SELECT * FROM s WHERE ${overlapsRange({ from: 'f', to: 't', start: rs, end: re })}
), clipped AS (
  SELECT username, greatest(f, ${rs}) AS f, least(t, ${re}) AS t FROM inside
), busy AS (
  -- A stretch that ends before it starts (a session starting after as-of) counts no time.
  SELECT username, sum(greatest(t, f) - f) AS us FROM (
    ${mergedIntervals({ source: 'clipped', by: ['username'] })}
  ) GROUP BY username
), people AS (
  SELECT username, arg_max(user_email, (f, file_id, line)) FILTER (WHERE user_email IS NOT NULL) AS email,
         string_agg(DISTINCT allocated_license, ', ' ORDER BY allocated_license) AS licenses,
         count(DISTINCT (allocated_license, allocation_id)) AS allocations,
         coalesce(string_agg(DISTINCT user_product, ', ' ORDER BY user_product), '') AS products,
         count(DISTINCT user_hostname) AS machines,
         min(f) / 1000.0 AS first_use, max(t) / 1000.0 AS last_use, count(*) AS sessions
  FROM inside GROUP BY username ${match}
)
SELECT p.username, p.email, p.licenses, p.allocations, p.products, p.machines, p.first_use AS "firstUse", p.last_use AS "lastUse",
       round(coalesce(b.us, 0) / 3.6e9, 2) AS hours, p.sessions
FROM people p LEFT JOIN busy b USING (username)
ORDER BY hours DESC, p.username`;
}

/** The machines (host names and IPs) each of `usernames` used in [rs, re), epoch µs; for the snapshot's top users. */
export function userMachinesSql({
  range,
  usernames,
}: {
  range: { rs: number; re: number; asOf: number };
  usernames: readonly string[];
}): string {
  const names = usernames.length ? usernames.map(sqlString).join(', ') : 'NULL';
  const asOf = sqlInt(range.asOf);
  const to = `least(coalesce(epoch_us(used_to), ${asOf}), ${asOf})`;
  return `SELECT username,
       list(DISTINCT user_hostname ORDER BY user_hostname) FILTER (WHERE user_hostname IS NOT NULL AND user_hostname <> '') AS hosts,
       list(DISTINCT user_ip ORDER BY user_ip) FILTER (WHERE user_ip IS NOT NULL AND user_ip <> '') AS ips
FROM sessions
WHERE username IN (${names}) AND ${overlapsRange({ from: 'epoch_us(used_from)', to, start: sqlInt(range.rs), end: sqlInt(range.re) })}
GROUP BY username`;
}
