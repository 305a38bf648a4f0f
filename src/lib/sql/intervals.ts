/**
 * Two rules about sessions as intervals of time, written once for every query
 * that needs them (docs/DOMAIN.md §3): whether a session falls in a range, and
 * merging the intervals of one allocation (or one user) that overlap or touch.
 * The arguments are SQL expressions or names, never values from the files.
 */

/** SQL expressions of one kind (TIMESTAMP or epoch µs): a session's start and end, a range's start and end. */
export interface OverlapTerms {
  /** The session's start. */
  from: string;
  /** The session's end; NULL is a session still running (it reaches every later instant). */
  to: string;
  /** The range [start, end). */
  start: string;
  end: string;
}

/**
 * The predicate "the session [from, to) overlaps the range [start, end)",
 * both half-open: a session ending exactly at `start`, or starting exactly at
 * `end`, does not overlap. A session of no length counts where it is, so one
 * at `start` (or later, before `end`) overlaps.
 */
export function overlapsRange({ from, to, start, end }: OverlapTerms): string {
  return `(${from} < ${end} AND (${to} IS NULL OR ${to} > ${start} OR ${from} >= ${start}))`;
}

/**
 * The SQL of a query that merges the intervals [f, t) of `source` (a table,
 * a CTE, or a parenthesised query with columns f, t and those of `by`)
 * within each group of `by`: intervals that overlap or touch (one starting
 * where another ends) become one, from their first start to their last end;
 * a gap keeps them apart. Rows: the `by` columns, f, t.
 */
export function mergedIntervals({ source, by }: { source: string; by: readonly string[] }): string {
  const group = by.join(', ');
  // An interval starts a new island unless it starts no later than every earlier one (in order of start) has ended.
  return `SELECT ${group}, min(f) AS f, max(t) AS t FROM (
  SELECT *, sum(CASE WHEN prev_end IS NULL OR f > prev_end THEN 1 ELSE 0 END)
              OVER (PARTITION BY ${group} ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS island
  FROM (
    SELECT *, max(t) OVER (PARTITION BY ${group} ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM ${source}
  )
)
GROUP BY ${group}, island`;
}
