/**
 * The usage copy: the sessions as the usage queries read them (sql/usage.ts),
 * time-ordered, with the longest closed session and a generation beside them.
 * Made on first use after each change of the data, dropped by every change.
 */

/**
 * The sessions the usage queries read: time-ordered, so that a query over a
 * range (an hour of a drill-down, a month) reads only the row groups it
 * overlaps (DuckDB's zone maps), not every session. Made on first use after
 * each change of the data (ingest drops it: dropUsageSessionsSql), with the
 * generation (usageGenerationSql) if that is not made yet.
 */
export function usageSessionsSql(): string {
  return `CREATE TABLE IF NOT EXISTS usage_sessions AS
SELECT allocated_license AS item, allocation_id AS alloc, username, epoch_us(used_from) AS f, epoch_us(used_to) AS t
FROM sessions ORDER BY f;
${usageGenerationSql()}`;
}

/**
 * The generation of the data, with the longest closed session and the first
 * start: one scan of the sessions' two instants, without the copy, so that
 * what needs only the generation (the cards, from the sweep kept in memory)
 * does not wait for the copy's sort.
 */
export function usageGenerationSql(): string {
  return `CREATE TABLE IF NOT EXISTS usage_reach AS
SELECT coalesce(max(epoch_us(used_to) - epoch_us(used_from)), 0) AS reach, coalesce(min(epoch_us(used_from)), 0) AS first,
       CAST(gen_random_uuid() AS VARCHAR) AS generation
FROM sessions`;
}

/**
 * The longest closed session (µs), the first session's start (µs) and the data's generation: a new one
 * after every change of the data (dropUsageSessionsSql drops `usage_reach`), so that figures kept from
 * earlier (UsageCache) know when they are stale.
 */
export function usageReachSql(): string {
  return 'SELECT reach, first, generation FROM usage_reach';
}

/** After every change of `sessions` (a load, a forgotten file, a clear): the copy is made again when next asked for. */
export function dropUsageSessionsSql(): string {
  return 'DROP TABLE IF EXISTS usage_sessions; DROP TABLE IF EXISTS usage_reach';
}
