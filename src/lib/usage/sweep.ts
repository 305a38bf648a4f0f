/**
 * The sweep of L(t) made once and read by range (sql/usage-kept.ts): built
 * over a range of the quarter-hour grid, then read for any period and any
 * zone whose hours and days start on that grid, with the very figures a
 * sweep of that period in that zone gives (docs/DOMAIN.md §3).
 */
import type { Database } from '../db/database.ts';
import { bucketUsersSql, toMicros, type UsageRange } from '../sql/usage.ts';
import {
  QUARTER_US,
  copyKeptItemsSql,
  createKeptItemsSql,
  keptItemNamesSql,
  createKeptPeopleSql,
  DAY_US,
  keptSessionColumnsSql,
  distinctAllocationsSql,
  keptSessionsSql,
  keptUsersSql,
  type KeptTables,
} from '../sql/usage-kept.ts';
import { sqlString } from '../sql/literal.ts';
import type { Bucket } from './buckets.ts';
import { Table, makeVector, type Int64, type Vector } from 'apache-arrow';
import { int32Vector, int64Vector } from '../arrow-vectors.ts';
import { numberColumns } from '../db/database.ts';
import {
  bucketLevels,
  levelTimes,
  setSegments,
  type Quarters,
  type Segments,
  type SessionColumns,
  type SessionQuarters,
} from './kernel.ts';
import { ownBuffers, runKernel, warmKernel } from './kernel-run.ts';
import { bucketTable } from './scratch.ts';
import type { BucketUsage, PeakUsage, PeriodUsage } from './series.ts';
import { TOTAL } from './total.ts';
import { quarterLevels, quarterWeekHours, type LevelRow } from './quarter-reads.ts';
import { readyUsageCopy } from './usage-copy.ts';
import { reportStep } from './steps.ts';

const QUARTER_MS = QUARTER_US / 1000;

/**
 * Whether a sweep kept on the grid can answer [rs, re) with these buckets:
 * the range starts on the grid, and so does every bucket inside it (a zone
 * with offsets of whole quarter hours: all of them today).
 */
export function onGrid(range: UsageRange, buckets: readonly Bucket[]): boolean {
  if (range.re <= range.rs || range.rs % QUARTER_US !== 0) return false;
  return buckets.every(
    (b) => toMicros(b.start) <= range.rs || toMicros(b.start) >= range.re || b.start % QUARTER_MS === 0,
  );
}

/** L(t) kept in memory: its segments and quarter hours per item id, and the items' names by id. */
export interface KeptLevels {
  segments: Segments;
  quarters: Quarters;
  items: readonly string[];
}

/** The count of kept sessions not to be swept again: their allocations numbered from hashes never checked. */
const LOST = -1;

/**
 * Builds the sweep for `range` (range.rs on the grid) from the sessions kept
 * in memory, and returns it. `meanwhile` runs while the sweep's worker sweeps,
 * and so does the count of distinct allocation ids when the sessions'
 * allocations are hashes still: a sweep from hashes that two ids share is
 * made again from the ids numbered by the database (allocation-numbers.ts),
 * so that every figure stays exact. Numbers from hashes are kept only once
 * checked: should anything fail before, the sessions are marked lost
 * (`intact`) and read again by the next sweep.
 */
export async function buildSweep(
  db: Database,
  range: UsageRange,
  kept: { tables: KeptTables; sessions: KeptSessions },
  meanwhile: () => Promise<unknown> = async () => undefined,
): Promise<KeptLevels> {
  const { sessions } = kept;
  const { items } = sessions;
  const { rs, re, asOf, hold } = range;
  const sweep = () => {
    const job = {
      kind: 'sweep' as const,
      columns: sessions.columns,
      range: { rs, re, asOf, hold },
      items: items.length,
    };
    return reportStep('sweep in memory', () => runKernel(job, (columns) => (sessions.columns = columns)));
  };
  const hashed = sessions.columns.allocHash !== undefined;
  const count = () => reportStep('ids counted', () => db.query<{ n: number }>(distinctAllocationsSql(range)));
  try {
    // The database is idle while the sweep's worker sweeps: `meanwhile` asks it what else the report needs.
    const [swept, , ids] = await Promise.all([sweep(), meanwhile(), hashed ? count() : null]);
    if (swept.hashes === null || swept.hashes === ids?.[0]?.n) return { ...swept, items };
    // Two allocation ids share a hash: numbered by the database instead, and swept again.
    sessions.count = LOST;
    sessions.columns = await readColumns(db, kept.tables, range, 'exact');
    sessions.count = sessions.columns.f.length;
    return { ...(await sweep()), items };
  } catch (e) {
    if (hashed) sessions.count = LOST;
    throw e;
  }
}

/**
 * The sessions up to as-of in memory (the sweep's input for any hold delay),
 * and the items' names by id. The columns are replaced by those a sweep in a
 * worker (kernel-run.ts) gives back.
 */
export interface KeptSessions {
  columns: SessionColumns;
  items: readonly string[];
  /** How many sessions the columns hold: fewer means they were lost (intact); −1, numbers never checked. */
  count: number;
}

/**
 * Whether the kept sessions are all there: columns sent to the sweep's worker
 * are detached (empty) until it sends them back, and a worker that dies
 * (out of memory, say) never does; allocations numbered from hashes by a
 * sweep that failed before their check are lost too (buildSweep). Lost ones
 * are read again, never swept as if there were no sessions.
 */
export function intact(sessions: KeptSessions): boolean {
  const { item, alloc, allocHash, f, t } = sessions.columns;
  const allocations = allocHash ? [allocHash.hi, allocHash.lo] : [alloc];
  return [item, ...allocations, f, t].every((c) => c.length === sessions.count);
}

/**
 * Reads the sessions up to as-of into memory, with the items' table (ids from
 * 1, TOTAL 0): all that the sweep of L(t) needs (docs/DOMAIN.md §8.2), the
 * allocations as their ids' hashes (numbered by the first sweep). Read from
 * the loaded sessions themselves, not the time-ordered usage copy, whose
 * making (a sorted copy of every session's names) is no part of the cards' way.
 */
export async function buildSessions(db: Database, tables: KeptTables, range: UsageRange): Promise<KeptSessions> {
  // One round trip: the items made, then read back by id.
  const items = await reportStep('items numbered', () =>
    db.query<{ item: string }>(
      `${createKeptItemsSql(tables.items, sqlString(TOTAL))};\n${keptItemNamesSql(tables.items)}`,
    ),
  );
  // The sweep's worker starts while the database reads: its script is loaded by the time the sessions are.
  warmKernel();
  const columns = await reportStep('sessions read', () => readColumns(db, tables, range, 'hash'));
  return { columns, items: items.map((r) => r.item), count: columns.f.length };
}

/** The sessions' columns, their allocations numbered by the database (`exact`) or as hashes. */
async function readColumns(
  db: Database,
  tables: KeptTables,
  range: UsageRange,
  allocation: 'exact' | 'hash',
): Promise<SessionColumns> {
  const names = allocation === 'exact' ? ['item', 'alloc', 'f', 't'] : ['item', 'hi', 'lo', 'f', 't'];
  const c = await numberColumns(db, keptSessionColumnsSql(tables, range, allocation), names);
  const columns: SessionColumns = {
    item: int32Of(c.item!),
    alloc: allocation === 'exact' ? int32Of(c.alloc!) : new Int32Array(0),
    f: float64Of(c.f!),
    t: float64Of(c.t!),
  };
  if (allocation === 'hash') columns.allocHash = { hi: int32Of(c.hi!), lo: int32Of(c.lo!) };
  return ownBuffers(columns);
}

/**
 * Builds the people's tables up to as-of from the kept sessions: their
 * sessions per quarter hour (counted in memory) and their user days (in SQL,
 * from the usage copy, made here if it is not yet), beside a copy of the
 * sessions' items. What they give (a day's sessions and distinct users) is
 * no card's: the page counts them after the cards are on screen.
 */
export async function buildPeople(
  db: Database,
  tables: KeptTables,
  range: UsageRange,
  kept: { tables: KeptTables; sessions: KeptSessions },
): Promise<true> {
  await reportStep('usage copy', () => readyUsageCopy(db));
  await reportStep('user days', () =>
    db.query(`${copyKeptItemsSql(tables.items, kept.tables.items)};\n${createKeptPeopleSql(tables, range)}`),
  );
  const { sessions } = kept;
  const job = { kind: 'people' as const, columns: sessions.columns, items: sessions.items.length, asOf: range.asOf };
  const quarters = await runKernel(job, (columns) => (sessions.columns = columns));
  await db.insertArrow(tables.sessions, sessionsTable(quarters), true);
  return true;
}

/** An INTEGER column as it came (numberColumns), or copied from the numbers a back end without columns gave. */
const int32Of = (xs: Int32Array | Float64Array) => (xs instanceof Int32Array ? xs : Int32Array.from(xs));
/** A DOUBLE column as it came. */
const float64Of = (xs: Int32Array | Float64Array) => (xs instanceof Float64Array ? xs : Float64Array.from(xs));

/** The sessions per quarter as the kept table holds them: id, q, starts, ends. */
function sessionsTable(s: SessionQuarters): Table {
  return new Table({ id: makeVector(s.id), q: int64Of(s.q), starts: int64Of(s.starts), ends: int64Of(s.ends) });
}

/**
 * Whole numbers from 0 to 2^53 as an Arrow BIGINT column, written as the two
 * 32-bit halves of each (little-endian, as Arrow's buffers are) rather than
 * through a BigInt apiece: these columns run to hundreds of thousands.
 */
function int64Of(xs: Float64Array): Vector<Int64> {
  const halves = new Uint32Array(xs.length * 2);
  for (let i = 0; i < xs.length; i++) {
    const lo = xs[i]! >>> 0;
    halves[2 * i] = lo;
    halves[2 * i + 1] = (xs[i]! - lo) / 4_294_967_296;
  }
  return makeVector(new BigInt64Array(halves.buffer));
}

/**
 * What a period is read from: the kept sweep (from keptRs on: its L(t) and
 * quarters in memory) and people; without people (not counted yet), its
 * days' sessions and users are left pending.
 */
export interface KeptRead {
  levels: KeptLevels;
  people: KeptTables | null;
  keptRs: number;
}

/**
 * Per bucket and item: peak and average of L over the bucket inside the
 * range, read from the kept segments in memory: the rows bucketLevelsSql
 * reads from a sweep of the range itself (a drill-down's hours or minutes),
 * without asking the database.
 */
export function keptBucketLevels(kept: KeptLevels, buckets: readonly Bucket[], range: UsageRange): LevelRow[] {
  const edges = edgesOf(buckets);
  return kept.items.flatMap((item, id) => levelRows(kept.segments, id, item, edges, range));
}

/** The buckets' bounds in µs. */
function edgesOf(buckets: readonly Bucket[]): Edges {
  return { starts: buckets.map((b) => toMicros(b.start)), ends: buckets.map((b) => toMicros(b.end)) };
}

type Edges = { starts: number[]; ends: number[] };

/** The bucket rows of item id `k` of `segments`, named `item`: its peak and average over each bucket inside the range. */
function levelRows(segments: Segments, k: number, item: string, edges: Edges, range: UsageRange): LevelRow[] {
  const span = (idx: number) => Math.min(edges.ends[idx]!, range.re) - Math.max(edges.starts[idx]!, range.rs);
  return bucketLevels(segments, k, edges, range.rs, range.re).map((r) => ({
    idx: r.idx,
    item,
    peak: r.peak,
    average: r.integral / span(r.idx),
  }));
}

/**
 * The rows of keptBucketLevels for a set of items counted together (`only`:
 * docs/DOMAIN.md §3), as bucketLevelsSql reads them from a sweep of
 * `range.only`: the total's from the set's L(t), the sum of its items' kept
 * segments (setSegments), and each of `licenseItems` in the set from its own;
 * items outside the set or without sessions have no rows (zeros).
 */
export function keptSetBucketLevels(
  kept: KeptLevels,
  only: readonly string[],
  licenseItems: readonly string[],
  buckets: readonly Bucket[],
  range: UsageRange,
): LevelRow[] {
  // Id 0 is the total of every item, never one of the set's.
  const idOf = new Map<string, number>();
  for (let id = 1; id < kept.items.length; id++) idOf.set(kept.items[id]!, id);
  const inSet = new Set(only);
  const set = setSegments(
    kept.segments,
    [...inSet].flatMap((i) => idOf.get(i) ?? []),
  );
  const own = [...new Set(licenseItems)].filter((i) => inSet.has(i) && idOf.has(i));
  const edges = edgesOf(buckets);
  return [
    ...levelRows(set, 0, TOTAL, edges, range),
    ...own.flatMap((item) => levelRows(kept.segments, idOf.get(item)!, item, edges, range)),
  ];
}

type UserRow = { idx: number; item: string; sessions: number; distinctUsers: number };

/**
 * Bucket rows for every item, zeros where nothing happened; buckets after the
 * range left out. Only the rows with data are made apiece: a bucket's zero
 * row is one frozen object shared by every item without data in it (at tens
 * of thousands of items, most of items × days), each item's array its own.
 */
export function assemble(
  items: readonly string[],
  buckets: readonly Bucket[],
  re: number,
  levels: LevelRow[],
  users: UserRow[],
) {
  // The buckets shown (those starting before re) and each one's place among them.
  const place = new Int32Array(buckets.length).fill(-1);
  const shown: Bucket[] = [];
  buckets.forEach((b, idx) => {
    if (toMicros(b.start) < re) place[idx] = shown.push(b) - 1;
  });
  const zeros = shown.map((b) => Object.freeze({ ...b, peak: 0, average: 0, distinctUsers: 0, sessions: 0 }));
  const rowsOf = new Map<string, BucketUsage[]>();
  const row = (item: string, idx: number): BucketUsage | null => {
    const p = idx >= 0 && idx < place.length ? place[idx]! : -1;
    if (p < 0) return null;
    let rows = rowsOf.get(item);
    if (!rows) rowsOf.set(item, (rows = zeros.slice()));
    if (rows[p] === zeros[p]) rows[p] = { ...shown[p]!, peak: 0, average: 0, distinctUsers: 0, sessions: 0 };
    return rows[p]!;
  };
  for (const l of levels) {
    const r = row(l.item, l.idx);
    if (r) [r.peak, r.average] = [l.peak, l.average];
  }
  for (const u of users) {
    const r = row(u.item, u.idx);
    if (r) [r.distinctUsers, r.sessions] = [u.distinctUsers, u.sessions];
  }
  return new Map(items.map((item) => [item, rowsOf.get(item) ?? zeros.slice()]));
}

/**
 * The period [range.rs, range.re) read from a sweep kept over [keptRs, …):
 * its days (with sessions and users, when the people are kept) in the
 * buckets given, the heatmap's sums over its hours (week-hours.ts), its peaks
 * and time at each level. Only the people are asked of the database; the
 * rest is read from L(t) and its quarters in memory. `name` names scratch tables.
 */
export function readSweep(...args: Parameters<typeof readPeriod>): Promise<PeriodUsage> {
  return reportStep('period read', () => readPeriod(...args));
}

async function readPeriod(
  db: Database,
  { levels, people, keptRs }: KeptRead,
  items: readonly string[],
  { days, hours }: { days: readonly Bucket[]; hours: readonly Bucket[] },
  range: UsageRange,
  name: (role: string) => string,
): Promise<PeriodUsage> {
  const users = people ? named(await dayUsers(db, people, days, range, name), levels.items) : [];
  const daily = assemble(items, days, range.re, quarterLevels(levels.quarters, levels.items, days, range), users);
  const weekHours = quarterWeekHours(levels.quarters, levels.items, hours, range);
  const usage: PeriodUsage = { daily, weekHours, ...peaksAndLevels(levels, items, range, keptRs) };
  if (!people) usage.usersPending = true;
  return usage;
}

/**
 * Per day and item: sessions and distinct users. Users from the kept user
 * days when every day of the period is made of parts of UTC days that begin
 * where their day begins or end where it ends (always, but for a day shorter
 * than a UTC day lying inside one); otherwise from the sessions themselves.
 */
async function dayUsers(
  db: Database,
  tables: KeptTables,
  days: readonly Bucket[],
  range: UsageRange,
  name: (role: string) => string,
): Promise<UserRow[] | IdRow<UserRow>[]> {
  const daysT = name('days');
  await db.insertArrow(daysT, bucketTable(days), true);
  const parts = dayParts(days, range);
  if (!parts) return db.query<UserRow>(bucketUsersSql({ buckets: daysT, range }));
  const partsT = name('parts');
  await db.insertArrow(partsT, parts, true);
  const users = await db.query<{ idx: number; id: number; distinctUsers: number }>(keptUsersSql(tables, partsT));
  // Keyed by bucket and id as one number: no string per row.
  const key = (idx: number, id: number) => idx * 0x100000000 + id;
  const usersOf = new Map(users.map((u) => [key(u.idx, u.id), u.distinctUsers]));
  const sessions = await db.query<{ idx: number; id: number; sessions: number }>(keptSessionsSql(tables, daysT, range));
  return sessions.map((s) => ({ ...s, distinctUsers: usersOf.get(key(s.idx, s.id)) ?? 0 }));
}

/** A row of the kept tables: its item by id (the kept items' position), not by name. */
type IdRow<R extends { item: string }> = Omit<R, 'item'> & { id: number };

/** Rows by item id given their item's name (`names[id]`); rows that already have a name stay as they are. */
function named<R extends { item: string }>(rows: (R | IdRow<R>)[], names: readonly string[]): R[] {
  for (const r of rows) {
    if ('item' in r) continue;
    const item = names[r.id];
    if (item === undefined) throw new Error(`The kept sweep has no license item number ${r.id}.`);
    (r as unknown as { item: string }).item = item;
  }
  return rows as R[];
}

/**
 * The days' parts of the range, cut at UTC midnights: idx, day (UTC day
 * number), ps, pe (µs). An end at as-of stands for the end of its UTC day:
 * nobody is in a session after as-of. Null when a part lies strictly inside
 * its UTC day (no kept user day can tell who was in it).
 */
export function dayParts(days: readonly Bucket[], range: UsageRange): Table | null {
  const rows: { idx: number; day: number; ps: number; pe: number }[] = [];
  for (const [idx, b] of days.entries()) {
    const start = Math.max(toMicros(b.start), range.rs);
    const end = Math.min(toMicros(b.end), range.re);
    for (let day = Math.floor(start / DAY_US); day * DAY_US < end; day++) {
      const [d0, d1] = [day * DAY_US, (day + 1) * DAY_US];
      const ps = Math.max(start, d0);
      const pe = end === range.asOf ? d1 : Math.min(end, d1);
      if (ps > d0 && pe < d1) return null;
      rows.push({ idx, day, ps, pe });
    }
  }
  // Built from buffers (arrow-vectors.ts): vectorFromArray evaluates code, which the page's policy refuses.
  const column = (f: (r: (typeof rows)[number]) => number) => int64Vector(rows.map((r) => BigInt(f(r))));
  return new Table({
    idx: int32Vector(rows.map((r) => r.idx)),
    day: column((r) => r.day),
    ps: column((r) => r.ps),
    pe: column((r) => r.pe),
  });
}

/**
 * The period's peaks and time at each level, from the kept segments inside
 * it. Time the sweep did not reach (before it began, or an item without any
 * session) is time at level 0, as a sweep of the period itself counts it.
 */
export function peaksAndLevels(kept: KeptLevels, items: readonly string[], range: UsageRange, keptRs: number) {
  const us = new Map<string, Map<number, number>>(items.map((i) => [i, new Map()]));
  const peaks = new Map<string, PeakUsage>();
  kept.items.forEach((item, id) => {
    const atLevel = us.get(item);
    if (!atLevel) return;
    // In order of level: the last is the item's peak.
    for (const r of levelTimes(kept.segments, id, range.rs, range.re)) {
      atLevel.set(r.level, r.us);
      peaks.set(item, { value: r.level, at: r.firstUs / 1000, minutesAtPeak: r.us / 60_000_000 });
    }
  });
  const levels = new Map<string, Map<number, number>>();
  for (const item of items) {
    const atLevel = withZeroTime(us.get(item)!, range.re - range.rs);
    levels.set(item, new Map([...atLevel].map(([level, t]) => [level, t / 1000])));
    const peak = peaks.get(item);
    if (peak && (peak.value > 0 || keptRs <= range.rs)) continue;
    // All at 0 (or not reached by the sweep at all): the peak is 0, from the period's start, all of its time.
    peaks.set(item, { value: 0, at: range.rs / 1000, minutesAtPeak: (atLevel.get(0) ?? 0) / 60_000_000 });
  }
  return { peaks, levels };
}

/** Time at each level (µs), with the time of `span` not accounted for added at level 0, levels in order. */
function withZeroTime(atLevel: Map<number, number>, span: number): Map<number, number> {
  let counted = 0;
  for (const t of atLevel.values()) counted += t;
  if (counted >= span) return atLevel;
  const out = new Map([[0, (atLevel.get(0) ?? 0) + span - counted]]);
  for (const [level, t] of atLevel) if (level !== 0) out.set(level, t);
  return out;
}
