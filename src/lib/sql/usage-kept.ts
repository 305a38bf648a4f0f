/**
 * The kept sweep (usage/sweep.ts): L(t) per item and in total, built once per
 * state of the data, hold delay and as-of, in UTC and free of any zone, and
 * read by range for every period and zone (docs/DOMAIN.md §3).
 *
 * Every zone in use today has offsets of whole quarter hours, so every local
 * hour and day boundary is an instant of the UTC quarter-hour grid. The sweep
 * keeps L's change points and, per quarter, the peak and the exact integral
 * of L (both in memory, usage/kernel.ts and quarter-reads.ts: peaks, time at
 * each level, days and heatmap, cut to any range), and per quarter and UTC
 * day the sessions and users (in the database), from which any zone's hours
 * and days are summed without sweeping again. A zone whose boundaries leave
 * the grid is swept afresh (usage/engine.ts checks).
 */
import { sqlInt } from './literal.ts';
import type { UsageRange } from './usage.ts';

/** A quarter hour in µs: the grid every zone's hours and days start on. */
export const QUARTER_US = 900_000_000;

/** The kept tables of one sweep. */
export interface KeptTables {
  /** item, id: every license item in the data, and TOTAL with id 0. */
  items: string;
  /**
   * id, q, starts, ends: per item (and TOTAL) and quarter hour where a session began or ended, the sessions
   * with their first instant in or before it (starts) and with their last (ends), counted up to it, so that a
   * range of quarters [a, b) holds starts(b − 1) − ends(a − 1) of them (usage/kernel.ts sessionQuarters).
   */
  sessions: string;
  /** id, uid, day, lo, hi: per user and UTC day, the first and last instant they were in a session. */
  spans: string;
  /** id, uid, f, p2: the sessions as counts of people read them, while those are built. */
  covered: string;
}

/** The license items of the data (ids from 1) and TOTAL (id 0). */
export function createKeptItemsSql(target: string, total: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${target} AS
SELECT ${total} AS item, 0 AS id
UNION ALL SELECT item, CAST(row_number() OVER (ORDER BY item) AS INTEGER) AS id FROM (SELECT DISTINCT allocated_license AS item FROM sessions)`;
}

/** A copy of kept items (`from`) as `target`: a sweep's items are its people's, ids and all. */
export function copyKeptItemsSql(target: string, from: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${target} AS SELECT * FROM ${from}`;
}

/** The kept items' names in the order of their ids (TOTAL first): position i names id i. */
export function keptItemNamesSql(items: string): string {
  return `SELECT item FROM ${items} ORDER BY id`;
}

/**
 * The sessions begun before as-of, for the sweep in memory (usage/kernel.ts,
 * which adds the hold delay and clips them as heldSessionsSql does): item id,
 * the allocation, f and t as DOUBLE (exact: integers below 2^53), t infinite
 * for an open session, in order of f (the kernel merges an allocation's
 * sessions in one pass in that order). The allocation comes as a number (one
 * per item and allocation: `exact`) or as its id's 64-bit hash in two
 * INTEGER halves, hi and lo (`hash`), which usage/allocation-numbers.ts
 * numbers in a fraction of the time the database takes to number the ids.
 * Read from the loaded sessions, not the usage copy: sorting these numbers
 * costs less than the copy's sort of every session with its names. Made once
 * per data and as-of: a hold delay change reads them again from memory.
 */
export function keptSessionColumnsSql(
  tables: KeptTables,
  range: UsageRange,
  allocation: 'exact' | 'hash' = 'exact',
): string {
  const s = `SELECT i.id AS item, s.allocation_id AS alloc, epoch_us(s.used_from) AS f, epoch_us(s.used_to) AS t
  FROM sessions s JOIN ${tables.items} i ON i.item = s.allocated_license AND i.id <> 0
  WHERE epoch_us(s.used_from) < ${sqlInt(range.asOf)}`;
  const ft = `CAST(s.f AS DOUBLE) AS f, coalesce(CAST(s.t AS DOUBLE), CAST('infinity' AS DOUBLE)) AS t`;
  if (allocation === 'hash') {
    // Each half shifted into INTEGER's range: only equality of the bits matters.
    const half = (bits: string) => `CAST(CAST(${bits} AS BIGINT) - 2147483648 AS INTEGER)`;
    return `WITH s AS (${s})
SELECT s.item, ${half('s.h >> 32')} AS hi, ${half('s.h & 4294967295')} AS lo, ${ft}
FROM (SELECT *, hash(alloc) AS h FROM s) s ORDER BY s.f`;
  }
  return `WITH s AS (
  ${s}
), allocs AS (
  SELECT item, alloc, CAST(row_number() OVER () AS INTEGER) AS n FROM (SELECT DISTINCT item, alloc FROM s)
)
SELECT s.item, a.n AS alloc, ${ft}
FROM s JOIN allocs a ON a.item = s.item AND a.alloc = s.alloc ORDER BY s.f`;
}

/**
 * How many distinct allocation ids the sessions begun before as-of have (as
 * keptSessionColumnsSql reads them; allocation_id is never missing, §2): as
 * many as their distinct hashes, and no two ids share one.
 */
export function distinctAllocationsSql(range: UsageRange): string {
  return `SELECT CAST(count(DISTINCT allocation_id) AS DOUBLE) AS n FROM sessions WHERE epoch_us(used_from) < ${sqlInt(range.asOf)}`;
}

/**
 * The sessions as the counts of people read them: a session covers
 * [used_from, used_to), open ones until as-of, as the closed instants [f, p2]
 * (a session of no length: its instant); the hold delay does not apply
 * (docs/DOMAIN.md §3). Sessions from as-of on are left out. Users by an
 * integer id: grouping and counting integers is cheaper than text.
 */
function createCoveredSql(tables: KeptTables, range: UsageRange): string {
  const asOf = sqlInt(range.asOf);
  return `CREATE OR REPLACE TEMP TABLE ${tables.covered} AS
WITH users AS (SELECT username, CAST(row_number() OVER () AS INTEGER) AS uid FROM (SELECT DISTINCT username FROM usage_sessions))
SELECT i.id, u.uid, s.f, greatest(s.f, least(coalesce(s.t, ${asOf}), ${asOf}) - 1) AS p2
FROM usage_sessions s JOIN ${tables.items} i ON i.item = s.item AND i.id <> 0 JOIN users u ON u.username = s.username
WHERE s.f < ${asOf}`;
}

/** A UTC day in µs. */
export const DAY_US = 86_400_000_000;

/**
 * Per item (and TOTAL), user and UTC day they were in a session: the first
 * and last instant of that day they were (lo, hi). A part of the day that
 * begins where the day begins, or ends where it ends, holds a session of
 * theirs exactly when lo is before its end and hi not before its start; every
 * local day of a zone on the grid is made of such parts (usage/sweep.ts).
 */
function createKeptSpansSql(tables: KeptTables): string {
  const d = DAY_US;
  return `CREATE OR REPLACE TEMP TABLE ${tables.spans} AS
WITH days AS (
  SELECT id, uid, f // ${d} AS day, f AS lo, p2 AS hi FROM ${tables.covered} WHERE f // ${d} = p2 // ${d}
  UNION ALL SELECT id, uid, day, greatest(f, day * ${d}), least(p2, day * ${d} + ${d - 1})
  FROM (SELECT *, unnest(range(f // ${d}, p2 // ${d} + 1)) AS day FROM ${tables.covered} WHERE f // ${d} < p2 // ${d})
), items AS (SELECT id, uid, day, min(lo) AS lo, max(hi) AS hi FROM days GROUP BY id, uid, day)
SELECT * FROM items UNION ALL SELECT 0, uid, day, min(lo), max(hi) FROM items GROUP BY uid, day`;
}

/**
 * The people's user days up to as-of (independent of the hold delay); their
 * sessions per quarter are counted in memory (usage/kernel.ts sessionQuarters).
 */
export function createKeptPeopleSql(tables: KeptTables, range: UsageRange): string {
  return [createCoveredSql(tables, range), createKeptSpansSql(tables), `DROP TABLE ${tables.covered}`].join(';\n');
}

/** Buckets (idx, start_us, end_us) as quarter ranges [a, b) clipped to the range. */
function bucketQuarters(buckets: string, range: UsageRange): string {
  const rs = sqlInt(range.rs);
  const re = sqlInt(range.re);
  const q = QUARTER_US;
  return `(SELECT idx, greatest(start_us, ${rs}) // ${q} AS a, (least(end_us, ${re}) + ${q - 1}) // ${q} AS b
  FROM ${buckets} WHERE start_us < ${re} AND end_us > ${rs})`;
}

/** Per bucket and item id: the sessions reaching into its part of the range. */
export function keptSessionsSql(tables: KeptTables, buckets: string, range: UsageRange): string {
  return `WITH bq AS ${bucketQuarters(buckets, range)}, pairs AS (
  SELECT bq.idx, i.id, bq.a, bq.b FROM bq, ${tables.items} i
), counted AS (
  SELECT p.idx, p.id, coalesce(e.starts, 0) AS starts, p.a FROM pairs p
  ASOF LEFT JOIN ${tables.sessions} e ON e.id = p.id AND e.q < p.b
), sessions AS (
  SELECT c.idx, c.id, c.starts - coalesce(e.ends, 0) AS sessions FROM counted c
  ASOF LEFT JOIN ${tables.sessions} e ON e.id = c.id AND e.q < c.a
)
SELECT idx, id, sessions FROM sessions WHERE sessions > 0`;
}

/**
 * Per bucket and item id: the distinct users in a session in it, from `parts`
 * (idx, day, ps, pe: the bucket's parts in each UTC day, each beginning where
 * its day begins or ending where it ends: createKeptSpansSql).
 */
export function keptUsersSql(tables: KeptTables, parts: string): string {
  return `WITH u AS (
  SELECT p.idx, s.id, count(DISTINCT s.uid) AS n FROM ${parts} p JOIN ${tables.spans} s
  ON s.day = p.day AND s.lo < p.pe AND s.hi >= p.ps GROUP BY p.idx, s.id
)
SELECT idx, id, n AS "distinctUsers" FROM u`;
}

/** Drops the kept tables (of a sweep replaced, forgotten, or failed half way). */
export function dropKeptSql(tables: KeptTables): string {
  return Object.values(tables)
    .map((t: string) => `DROP TABLE IF EXISTS ${t}`)
    .join('; ');
}
