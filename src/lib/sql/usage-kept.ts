/**
 * The kept sweep (usage/sweep.ts): L(t) per item and in total, built once per
 * state of the data, hold delay and as-of, in UTC and free of any zone, and
 * read by range for every period and zone (docs/DOMAIN.md §3).
 *
 * Every zone in use today has offsets of whole quarter hours, so every local
 * hour and day boundary is an instant of the UTC quarter-hour grid. The sweep
 * is split at that grid; per quarter it keeps the peak and the exact integral
 * of L, and the sessions and users in reach of it, from which any zone's hours
 * and days are summed without sweeping again. A zone whose boundaries leave
 * the grid is swept afresh (usage/engine.ts checks).
 */
import { mergedIntervals } from './intervals.ts';
import { sqlInt } from './literal.ts';
import { createSegmentsSql, type UsageRange } from './usage.ts';

/** A quarter hour in µs: the grid every zone's hours and days start on. */
export const QUARTER_US = 900_000_000;

/** The kept tables of one sweep. */
export interface KeptTables {
  /** item, id: every license item in the data, and TOTAL with id 0. */
  items: string;
  /** item (its id), t, t_end, level: L(t), split at every quarter hour of the range (as createSegmentsSql). */
  segments: string;
  /** id, start_us, peak, integral: per quarter hour, L's peak and integral (µs × licenses). */
  quarters: string;
  /** id, q, starts, ends: per quarter hour, sessions whose first / last instant is in it, counted up to it. */
  sessions: string;
  /** id, username, q1, q2: per user, the quarter hours they were in a session, merged where they touch. */
  spans: string;
}

/** The license items of the data (ids from 1) and TOTAL (id 0). */
export function createKeptItemsSql(target: string, total: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${target} AS
SELECT ${total} AS item, 0 AS id
UNION ALL SELECT item, CAST(row_number() OVER (ORDER BY item) AS INTEGER) AS id FROM (SELECT DISTINCT item FROM usage_sessions)`;
}

/** The segments of L over `range`, split at the quarter-hour grid (range.rs must be on it). */
export function createKeptSegmentsSql(tables: KeptTables, range: UsageRange): string {
  const grid = `(SELECT range AS start_us FROM range(${sqlInt(range.rs)}, ${sqlInt(range.re)}, ${QUARTER_US}))`;
  return createSegmentsSql({ target: tables.segments, items: tables.items, boundaries: grid, range });
}

/** Per item and quarter: the peak and integral of L, summed from the segments. */
export function createKeptQuartersSql(tables: KeptTables): string {
  return `CREATE OR REPLACE TEMP TABLE ${tables.quarters} AS
SELECT item AS id, t // ${QUARTER_US} * ${QUARTER_US} AS start_us, max(level) AS peak,
       sum(CAST(level AS BIGINT) * (t_end - t)) AS integral
FROM ${tables.segments} GROUP BY ALL ORDER BY start_us`;
}

/**
 * A session covers [used_from, used_to), open ones until as-of, as the closed
 * instants [f, p2] (a session of no length: its instant); the hold delay does
 * not apply (docs/DOMAIN.md §3). Sessions from as-of on are left out.
 */
function coveredSql(items: string, range: UsageRange): string {
  const asOf = sqlInt(range.asOf);
  return `SELECT i.id, s.username, s.f, greatest(s.f, least(coalesce(s.t, ${asOf}), ${asOf}) - 1) AS p2
  FROM usage_sessions s JOIN ${items} i ON i.item = s.item AND i.id <> 0 WHERE s.f < ${asOf}`;
}

/**
 * Per item (and TOTAL) and quarter: sessions with their first instant in or
 * before it (starts), and with their last instant before or in it (ends),
 * counted up to it, so that a range of quarters [a, b) holds
 * starts(b − 1) − ends(a − 1) of them.
 */
export function createKeptSessionsSql(tables: KeptTables, range: UsageRange): string {
  const q = QUARTER_US;
  return `CREATE OR REPLACE TEMP TABLE ${tables.sessions} AS
WITH c AS (${coveredSql(tables.items, range)}),
marks AS (
  SELECT id, f // ${q} AS q, 1 AS s, 0 AS e FROM c UNION ALL SELECT 0, f // ${q}, 1, 0 FROM c
  UNION ALL SELECT id, p2 // ${q}, 0, 1 FROM c UNION ALL SELECT 0, p2 // ${q}, 0, 1 FROM c
), per AS (SELECT id, q, sum(s) AS s, sum(e) AS e FROM marks GROUP BY id, q)
SELECT id, q, CAST(sum(s) OVER w AS BIGINT) AS starts, CAST(sum(e) OVER w AS BIGINT) AS ends
FROM per WINDOW w AS (PARTITION BY id ORDER BY q ROWS UNBOUNDED PRECEDING)
ORDER BY id, q`;
}

/**
 * Per item (and TOTAL) and user: the quarters [q1, q2] they were in a
 * session, merged where they overlap or touch, so that a user is in a day
 * exactly when one of their spans reaches into it.
 */
export function createKeptSpansSql(tables: KeptTables, range: UsageRange): string {
  const q = QUARTER_US;
  return `CREATE OR REPLACE TEMP TABLE ${tables.spans} AS
WITH c AS (${coveredSql(tables.items, range)}),
quarters AS (
  SELECT id, username, f // ${q} AS f, p2 // ${q} + 1 AS t FROM c
  UNION ALL SELECT 0, username, f // ${q}, p2 // ${q} + 1 FROM c
)
SELECT id, username, f AS q1, t - 1 AS q2 FROM (${mergedIntervals({ source: 'quarters', by: ['id', 'username'] })})`;
}

/** Buckets (idx, start_us, end_us) as quarter ranges [a, b) clipped to the range. */
function bucketQuarters(buckets: string, range: UsageRange): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  const q = QUARTER_US;
  return `(SELECT idx, greatest(start_us, ${rs}) // ${q} AS a, (least(end_us, ${re}) + ${q - 1}) // ${q} AS b
  FROM ${buckets} WHERE start_us < ${re} AND end_us > ${rs})`;
}

/** Per bucket and item: peak and time-weighted average of L over its part inside the range, from the quarters. */
export function keptLevelsSql(tables: KeptTables, buckets: string, range: UsageRange): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  return `WITH g AS (SELECT * FROM ${tables.quarters} WHERE start_us >= ${rs} AND start_us < ${re}), levels AS (
  SELECT c.idx AS idx, g.id AS id, max(g.peak) AS peak,
         CAST(sum(g.integral) AS DOUBLE) / (least(any_value(c.end_us), ${re}) - greatest(any_value(c.start_us), ${rs})) AS average
  FROM g ASOF JOIN ${buckets} c ON g.start_us >= c.start_us
  GROUP BY c.idx, g.id
)
SELECT l.idx AS idx, i.item AS item, l.peak AS peak, l.average AS average FROM levels l JOIN ${tables.items} i ON i.id = l.id`;
}

/** Per bucket and item: sessions reaching into its part of the range, and their distinct users. */
export function keptUsersSql(tables: KeptTables, buckets: string, range: UsageRange): string {
  const q = QUARTER_US;
  const a = sqlInt(range.rs / q);
  const b = sqlInt(Math.ceil(range.re / q));
  return `WITH bq AS ${bucketQuarters(buckets, range)}, pairs AS (
  SELECT bq.idx, i.id, bq.a, bq.b FROM bq, ${tables.items} i
), counted AS (
  SELECT p.idx, p.id, coalesce(e.starts, 0) AS starts, p.a FROM pairs p
  ASOF LEFT JOIN ${tables.sessions} e ON e.id = p.id AND e.q < p.b
), sessions AS (
  SELECT c.idx, c.id, c.starts - coalesce(e.ends, 0) AS sessions FROM counted c
  ASOF LEFT JOIN ${tables.sessions} e ON e.id = c.id AND e.q < c.a
), inside AS (
  SELECT id, username, greatest(q1, ${a}) AS q1, least(q2, ${b} - 1) AS q2 FROM ${tables.spans}
  WHERE q1 < ${b} AND q2 >= ${a}
), first_bucket AS (
  SELECT s.id, s.username, s.q2, bq.idx AS i1 FROM inside s ASOF JOIN bq ON s.q1 >= bq.a
), spans AS (
  SELECT f.id, f.username, f.i1, bq.idx AS i2 FROM first_bucket f ASOF JOIN bq ON f.q2 >= bq.a
), users AS (
  SELECT idx, id, count(DISTINCT username) AS n FROM (SELECT id, username, unnest(range(i1, i2 + 1)) AS idx FROM spans)
  GROUP BY idx, id
)
SELECT s.idx AS idx, i.item AS item, s.sessions AS sessions, coalesce(u.n, 0) AS "distinctUsers"
FROM sessions s JOIN ${tables.items} i ON i.id = s.id LEFT JOIN users u ON u.idx = s.idx AND u.id = s.id
WHERE s.sessions > 0`;
}

/** Drops the kept tables (of a sweep replaced, forgotten, or failed half way). */
export function dropKeptSql(tables: KeptTables): string {
  return Object.values(tables)
    .map((t: string) => `DROP TABLE IF EXISTS ${t}`)
    .join('; ');
}
