/**
 * The anchor every report time is read against: one plain SQL sweep over the
 * same sessions (events +1 at the start, −1 at the end, open ones ending at
 * the last start; a running sum per license item; its maximum per UTC day),
 * with none of the report's rules (no merging, no hold delay, no zone).
 * Whatever the report does on top of it is what the report costs beyond one
 * pass over the sorted events.
 */
export function anchorSweepSql(): string {
  return `WITH ends AS (SELECT max(epoch_us(used_from)) AS last FROM sessions), events AS (
  SELECT allocated_license AS item, epoch_us(used_from) AS t, 1 AS d FROM sessions
  UNION ALL SELECT allocated_license, coalesce(epoch_us(used_to), (SELECT last FROM ends)), -1 FROM sessions
), levels AS (
  SELECT item, t, sum(d) OVER (PARTITION BY item ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS level FROM events
)
SELECT count(*) AS days, max(peak) AS peak FROM (SELECT item, t // 86400000000 AS day, max(level) AS peak FROM levels GROUP BY ALL)`;
}
