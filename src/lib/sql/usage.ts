/**
 * The SQL of docs/DOMAIN.md §3: licenses in use over time, exactly, by a sweep over
 * the sessions' own instants (never sampling).
 *
 * 1. Each session holds its license on [used_from, used_to + hold), open ones
 *    until as-of, everything clipped to the range [rs, re).
 * 2. Sessions of one allocation that overlap or touch merge into held
 *    intervals (a user on two machines holds one license), in one sorted pass.
 * 3. Interval starts are +1, ends -1; bucket boundaries are 0-events, so no
 *    segment crosses a boundary. The running sum over time gives L(t) on each
 *    segment [t, t_end), per item and for the total '*'.
 *
 * Times are BIGINT epoch microseconds throughout; no time-zone-aware types (no ICU).
 * Sessions are read from a time-ordered copy (usage_sessions), so that a
 * narrow range reads little.
 */
import { TOTAL } from '../usage/total.ts';
import { overlapsRange } from './intervals.ts';
import { sqlInt, sqlString, sqlTimestamp } from './literal.ts';

export interface UsageRange {
  /** Range start and end, epoch µs: [rs, re), re never after as-of. */
  rs: number;
  re: number;
  /** As-of, epoch µs: open sessions end here. */
  asOf: number;
  /** Hold delay, µs. */
  hold: number;
  /**
   * When given, only sessions of these license items count, and the total '*'
   * is theirs counted together (a project's usage). Otherwise every item's.
   */
  only?: readonly string[] | undefined;
  /** The longest closed session, µs (usageReachSql): how far before rs a session can start and still reach in. */
  reach: number;
}

/** Milliseconds to the integer microseconds our SQL uses. */
export function toMicros(ms: number): number {
  return Math.round(ms * 1000);
}

/** The all-items key as the queries write it. */
const TOTAL_SQL = sqlString(TOTAL);

/** The condition on `sessions` that keeps the items of `range.only` (all when not given). */
function onlyItems(range: UsageRange): string {
  if (range.only === undefined) return '';
  if (range.only.length === 0) return ' AND false';
  return ` AND allocated_license IN (${range.only.map(sqlString).join(', ')})`;
}

/**
 * Sessions that can hold a license in [rs, re) with `hold` added: closed ones
 * starting from rs − reach − hold on (a plain range on f, which zone maps
 * prune), and open ones. Columns item, alloc, username, f, t (t NULL if open).
 */
function sessionsNear(range: UsageRange, hold: number): string {
  const re = sqlInt(range.re);
  const from = sqlInt(range.rs - range.reach - hold);
  const only = onlyItems(range).replace('allocated_license', 'item');
  return `(SELECT * FROM usage_sessions WHERE f >= ${from} AND f < ${re} AND t IS NOT NULL${only}
   UNION ALL SELECT * FROM usage_sessions WHERE t IS NULL AND f < ${re}${only})`;
}

/**
 * The sessions as they hold licenses over the range (step 1 of the module's
 * comment): item (its id in `items`, -1 for an item not in it), alloc, and
 * [f, t) with the hold delay added, open ones until as-of, clipped to [rs, re);
 * sessions holding nothing inside the range left out.
 */
export function heldSessionsSql(items: string, range: UsageRange): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  const asOf = sqlInt(range.asOf);
  const hold = sqlInt(range.hold);
  return `(SELECT item, alloc, greatest(f, ${rs}) AS f, least(t, ${re}) AS t FROM (
  SELECT coalesce(i.id, -1) AS item, s.alloc, s.f, least(coalesce(s.t + ${hold}, ${asOf}), ${asOf}) AS t
  FROM ${sessionsNear(range, range.hold)} s LEFT JOIN ${items} i ON i.item = s.item AND i.id <> 0
) WHERE greatest(f, ${rs}) < least(t, ${re}))`;
}

/**
 * A table of segments (item, t, t_end, level) for `range`, split at the starts
 * in `boundaries` (a table with column start_us), for every item in `items`
 * (a table with columns item and id, holding TOTAL with id 0 for the total).
 * Segments carry the item's integer id, not its name: sorting and grouping
 * millions of rows by an integer is about twice as fast as by text.
 * Sessions of items not in `items` count in the total only.
 */
export function createSegmentsSql({
  target,
  items,
  boundaries,
  range,
}: {
  target: string;
  items: string;
  boundaries: string;
  range: UsageRange;
}): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  const by = 'PARTITION BY item, alloc ORDER BY f, t';
  return `CREATE OR REPLACE TEMP TABLE ${target} AS
WITH clipped AS ${heldSessionsSql(items, range)}, ordered AS MATERIALIZED (
  -- One sorted pass merges the sessions of an allocation (they hold one license where they overlap or touch):
  -- a session opens a held interval when it starts after every earlier one has ended (prev_end), and closes it
  -- (at upto, the latest end so far) when the next one starts after that.
  SELECT item, f, max(t) OVER before AS prev_end, greatest(t, coalesce(max(t) OVER before, t)) AS upto,
         lead(f) OVER (${by}) AS next_f
  FROM clipped WINDOW before AS (${by} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), held AS MATERIALIZED (
  SELECT item, f AS t, 1 AS d FROM ordered WHERE prev_end IS NULL OR f > prev_end
  UNION ALL SELECT item, upto, -1 FROM ordered WHERE next_f IS NULL OR next_f > upto
), events AS (
  SELECT item, t, d FROM held
  UNION ALL SELECT 0, t, d FROM held
  UNION ALL SELECT i.id, b.start_us, 0 FROM ${items} i, ${boundaries} b WHERE b.start_us > ${rs} AND b.start_us < ${re}
  UNION ALL SELECT i.id, ${rs}, 0 FROM ${items} i
), levels AS (
  -- The running sum over the events themselves: at the last event of an instant it is L just after that
  -- instant, and the next event is at a later instant; the other events of the instant (lead = t) drop out.
  SELECT item, t, CAST(sum(d) OVER w AS INTEGER) AS level, lead(t, 1, ${re}) OVER w AS t_end
  FROM events
  WINDOW w AS (PARTITION BY item ORDER BY t ROWS UNBOUNDED PRECEDING)
)
SELECT item, t, t_end, level FROM levels WHERE t < t_end AND item >= 0`;
}

/**
 * Per bucket and item: peak and time-weighted average of L over the part of
 * the bucket inside [rs, re). `buckets` has idx, start_us, end_us.
 */
export function bucketLevelsSql({
  segments,
  items,
  buckets,
  range,
}: {
  segments: string;
  items: string;
  buckets: string;
  range: UsageRange;
}): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  return `WITH levels AS (
  SELECT b.idx AS idx, s.item AS id, max(s.level) AS peak,
         CAST(sum(CAST(s.level AS BIGINT) * (s.t_end - s.t)) AS DOUBLE)
           / (least(any_value(b.end_us), ${re}) - greatest(any_value(b.start_us), ${rs})) AS average
  FROM ${segments} s ASOF JOIN ${buckets} b ON s.t >= b.start_us
  GROUP BY b.idx, s.item
)
SELECT l.idx AS idx, i.item AS item, l.peak AS peak, l.average AS average FROM levels l JOIN ${items} i ON i.id = l.id`;
}

/**
 * Per bucket and item id: the peak and the exact integral of L (µs × licenses)
 * over the part of the bucket inside the range, as a table, so that coarser
 * buckets made of these (days of hours) are summed from it rather than swept
 * again (rollUpLevelsSql).
 */
export function createBucketIntegralsSql({
  target,
  segments,
  buckets,
}: {
  target: string;
  segments: string;
  buckets: string;
}): string {
  return `CREATE OR REPLACE TEMP TABLE ${target} AS
SELECT b.idx AS idx, any_value(b.start_us) AS start_us, s.item AS id, max(s.level) AS peak,
       sum(CAST(s.level AS BIGINT) * (s.t_end - s.t)) AS integral
FROM ${segments} s ASOF JOIN ${buckets} b ON s.t >= b.start_us
GROUP BY b.idx, s.item`;
}

/**
 * Per bucket of `coarse` (whose every boundary is a boundary of the buckets
 * `integrals` were made on) and item: peak and time-weighted average of L,
 * from the finer buckets' integrals. With `coarse` = those buckets themselves,
 * it is their own levels.
 */
export function rollUpLevelsSql({
  integrals,
  items,
  coarse,
  range,
}: {
  integrals: string;
  items: string;
  coarse: string;
  range: UsageRange;
}): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  return `WITH levels AS (
  SELECT c.idx AS idx, g.id AS id, max(g.peak) AS peak,
         CAST(sum(g.integral) AS DOUBLE) / (least(any_value(c.end_us), ${re}) - greatest(any_value(c.start_us), ${rs})) AS average
  FROM ${integrals} g ASOF JOIN ${coarse} c ON g.start_us >= c.start_us
  GROUP BY c.idx, g.id
)
SELECT l.idx AS idx, i.item AS item, l.peak AS peak, l.average AS average FROM levels l JOIN ${items} i ON i.id = l.id`;
}

/**
 * Per bucket and item: sessions overlapping the bucket and their distinct
 * users. A session covers [used_from, used_to), open ones until as-of; the
 * hold delay does not apply (it is about licenses, not use). A session of zero
 * length counts in the bucket of its instant.
 */
export function bucketUsersSql({ buckets, range }: { buckets: string; range: UsageRange }): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  const asOf = sqlInt(range.asOf);
  return `WITH s AS (
  SELECT item, username, f, least(coalesce(t, ${asOf}), ${asOf}) AS t
  FROM ${sessionsNear(range, 0)}
), inside AS (
  SELECT item, username, greatest(f, ${rs}) AS p1, greatest(greatest(f, ${rs}), least(t, ${re}) - 1) AS p2
  FROM s WHERE ${overlapsRange({ from: 'f', to: 't', start: rs, end: re })}
), first_bucket AS (
  SELECT i.item, i.username, i.p2, b.idx AS i1 FROM inside i ASOF JOIN ${buckets} b ON i.p1 >= b.start_us
), spans AS (
  SELECT f.item, f.username, f.i1, b.idx AS i2 FROM first_bucket f ASOF JOIN ${buckets} b ON f.p2 >= b.start_us
), covered AS (
  SELECT item, username, unnest(range(i1, i2 + 1)) AS idx FROM spans
)
SELECT idx, CASE WHEN grouping(item) = 1 THEN ${TOTAL_SQL} ELSE item END AS item,
       count(*) AS sessions, count(DISTINCT username) AS "distinctUsers"
FROM covered
GROUP BY GROUPING SETS ((idx, item), (idx))`;
}

/**
 * The segments to read: all of `segments`, or those starting in `within`
 * [rs, re), which must cut no segment (a range of whole buckets the segments
 * were split at: the days of a period inside the one they were made for).
 */
function segmentsIn(segments: string, within?: { rs: number; re: number }): string {
  const where = within ? ` WHERE t >= ${sqlInt(within.rs)} AND t < ${sqlInt(within.re)}` : '';
  return `(SELECT * FROM ${segments}${where})`;
}

/** Segments and item ids (tables of createSegmentsSql), and the part of them to read (segmentsIn). */
interface SegmentsRead {
  segments: string;
  items: string;
  within?: { rs: number; re: number } | undefined;
}

/** Per item: the range's max L, the first instant it was reached, and the time spent at it (µs). */
export function peakSql({ segments, items, within }: SegmentsRead): string {
  return `WITH s AS ${segmentsIn(segments, within)}, m AS (SELECT item, max(level) AS peak FROM s GROUP BY item), p AS (
  SELECT s.item AS id, m.peak AS peak, min(s.t) / 1000.0 AS "atMs", CAST(sum(s.t_end - s.t) AS BIGINT) AS "atPeakUs"
  FROM s JOIN m ON s.item = m.item AND s.level = m.peak
  GROUP BY s.item, m.peak
)
SELECT i.item AS item, p.peak, p."atMs", p."atPeakUs" FROM p JOIN ${items} i ON i.id = p.id`;
}

/** Per item and level of L: the time spent at it (µs), for the utilization histogram. */
export function levelDurationsSql({ segments, items, within }: SegmentsRead): string {
  return `WITH d AS (SELECT item AS id, level, CAST(sum(t_end - t) AS BIGINT) AS us FROM ${segmentsIn(segments, within)} GROUP BY item, level)
SELECT i.item AS item, d.level, d.us FROM d JOIN ${items} i ON i.id = d.id ORDER BY i.item, d.level`;
}

/**
 * Per item and for the total: distinct allocations with a session open at
 * as-of (used_from <= as-of, used_to empty or after it). docs/DOMAIN.md §3.
 */
export function inUseAtSql(asOf: number): string {
  const at = sqlTimestamp(asOf);
  return `SELECT CASE WHEN grouping(allocated_license) = 1 THEN ${TOTAL_SQL} ELSE allocated_license END AS item,
       count(DISTINCT (allocated_license, allocation_id)) AS n
FROM sessions
WHERE used_from <= ${at} AND (used_to IS NULL OR used_to > ${at})
GROUP BY GROUPING SETS ((allocated_license), ())`;
}

/** The license items found in the loaded sessions. */
export function licenseItemsSql(): string {
  return 'SELECT DISTINCT allocated_license AS item FROM sessions ORDER BY item';
}
