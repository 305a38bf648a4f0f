/**
 * Usage over time (docs/DOMAIN.md §3), asked of the database: per bucket peak,
 * average, distinct users and sessions, for every license item and the total
 * '*'; the period's peaks and the time spent at each level.
 */
import type { Database } from '../db/database.ts';
import {
  bucketLevelsSql,
  bucketUsersSql,
  createBucketIntegralsSql,
  createSegmentsSql,
  rollUpLevelsSql,
  levelDurationsSql,
  peakSql,
  toMicros,
  type UsageRange,
} from '../sql/usage.ts';
import { bucketsOf, type Bucket, type Resolution } from './buckets.ts';
import { readWeekHours } from './week-hours.ts';
import { bucketTable, bucketValues, itemTable, withScratch } from './scratch.ts';
import { keptTables, type KeptRead, type UsageCache } from './cache.ts';
import { dropKeptSql, type KeptTables } from '../sql/usage-kept.ts';
import {
  assemble,
  buildPeople,
  buildSweep,
  intact,
  keptBucketLevels,
  onGrid,
  peaksAndLevels as keptPeaksAndLevels,
  readSweep,
  type KeptLevels,
} from './sweep.ts';
import { QUARTER_US } from '../sql/usage-kept.ts';
import type { BucketUsage, PeakUsage, PeriodUsage } from './series.ts';
import { readyUsageCopy } from './usage-copy.ts';

export type { BucketUsage, PeakUsage, PeriodUsage } from './series.ts';

export { TOTAL } from './total.ts';
import { TOTAL } from './total.ts';

export interface UsageSettings {
  /** IANA zone of the report. */
  zone: string;
  /** As-of, epoch ms: open sessions end here, nothing after it is counted. */
  asOf: number;
  /** Hold delay in minutes (docs/DOMAIN.md §3), 0 by default. */
  holdMinutes: number;
}

/** The range's bounds in µs, with the time-ordered sessions made ready (once per change of the data). */
async function rangeOf(db: Database, settings: UsageSettings, fromMs: number, toMs: number, only?: readonly string[]) {
  const { reach, first, generation } = await readyUsageCopy(db);
  const range: UsageRange = {
    rs: toMicros(fromMs),
    re: toMicros(Math.min(toMs, settings.asOf)),
    asOf: toMicros(settings.asOf),
    hold: toMicros(settings.holdMinutes * 60_000),
    only,
    reach,
  };
  return { range, generation, first };
}

type LevelRow = { idx: number; item: string; peak: number; average: number };
type UserRow = { idx: number; item: string; sessions: number; distinctUsers: number };

export interface SeriesOptions {
  /**
   * Count only the sessions of these license items, so that the total '*' is
   * theirs counted together (a project: docs/DOMAIN.md §3's sum at the same
   * instant, over the set). By default every item's sessions count.
   */
  only?: readonly string[] | undefined;
  /**
   * The page's cache: when it keeps the sweep of these settings, the levels
   * are read from its L(t) in memory and only the users asked of the database.
   */
  cache?: UsageCache | undefined;
}

/** The key of the kept sweep for these settings, in this generation of the data. */
const sweepKeyOf = (generation: string, settings: UsageSettings) =>
  JSON.stringify([generation, settings.asOf, settings.holdMinutes]);

/**
 * Usage per bucket of `resolution` over [fromMs, toMs) (e.g. the minutes of
 * one hour for a drill-down), for `items` and the total.
 */
export async function usageSeries(
  db: Database,
  licenseItems: readonly string[],
  settings: UsageSettings,
  resolution: Resolution,
  fromMs: number,
  toMs: number,
  options: SeriesOptions = {},
): Promise<Map<string, BucketUsage[]>> {
  const items = [...new Set(licenseItems), TOTAL];
  const buckets = bucketsOf(settings.zone, resolution, fromMs, toMs);
  if (buckets.length === 0 || Math.min(toMs, settings.asOf) <= fromMs) return new Map(items.map((i) => [i, []]));
  const { range, generation } = await rangeOf(db, settings, fromMs, toMs, options.only);
  const kept = options.only ? null : options.cache?.kept('sweep', sweepKeyOf(generation, settings));
  if (kept) {
    // Every session's L(t) is in memory: the levels from it, the users in one query with the buckets inside it.
    const users = await db.query<UserRow>(bucketUsersSql({ buckets: bucketValues(buckets), range }));
    return assemble(items, buckets, range.re, keptBucketLevels(kept.memory, buckets, range), users);
  }
  return withScratch(db, async (name) => {
    const [itemsT, bucketsT, segments] = [name('items'), name('buckets'), name('segments')];
    await db.insertArrow(itemsT, itemTable(items), true);
    await db.insertArrow(bucketsT, bucketTable(buckets), true);
    await db.query(createSegmentsSql({ target: segments, items: itemsT, boundaries: bucketsT, range }));
    const levels = await db.query<LevelRow>(bucketLevelsSql({ segments, items: itemsT, buckets: bucketsT, range }));
    const users = await db.query<UserRow>(bucketUsersSql({ buckets: bucketsT, range }));
    return assemble(items, buckets, range.re, levels, users);
  });
}

/**
 * Everything the report needs over the period [fromMs, toMs): days, hours,
 * peaks, levels. They are read from a sweep of L(t) on the quarter-hour grid
 * (usage/sweep.ts): with a cache (the page's), the sweep of all the data,
 * kept for every later period and zone until the data, the hold delay or
 * as-of change; without, a sweep of the period alone. A zone whose hours
 * leave the grid is swept in its own hours.
 */
export async function periodUsage(
  db: Database,
  licenseItems: readonly string[],
  settings: UsageSettings,
  fromMs: number,
  toMs: number,
  cache?: UsageCache,
): Promise<PeriodUsage> {
  const items = [...new Set(licenseItems), TOTAL];
  const buckets = {
    days: bucketsOf(settings.zone, 'day', fromMs, toMs),
    hours: bucketsOf(settings.zone, 'hour', fromMs, toMs),
  };
  const work = async () => {
    const { range, generation, first } = await rangeOf(db, settings, fromMs, toMs);
    if (!onGrid(range, buckets.hours)) {
      const tables = (name: (role: string) => string) => ({ items: name('items'), segments: name('segments') });
      return withScratch(db, (name) =>
        sweepPeriod(db, items, settings.zone, [fromMs, toMs], range, tables(name), name),
      );
    }
    if (!cache) {
      return withScratch(db, async (name) => {
        const [people, sweep] = [keptTables(name('people')), keptTables(name('sweep'))];
        try {
          const sessions = await buildPeople(db, people, range);
          const levels = await buildSweep(db, sweep, range, { tables: people, sessions });
          return await readSweep(db, { sweep, levels, people, keptRs: range.rs }, items, buckets, range, name);
        } finally {
          await db.query(`${dropKeptSql(people)}; ${dropKeptSql(sweep)}`);
        }
      });
    }
    const key = (...k: unknown[]) => JSON.stringify([generation, settings.asOf, ...k]);
    // All the data up to as-of, from the quarter hour of the first session (or of as-of, if nothing is before it).
    const rs = Math.floor(Math.min(first, range.asOf) / QUARTER_US) * QUARTER_US;
    const all = { ...range, rs, re: range.asOf };
    const [sweepKey, peopleKey] = [sweepKeyOf(generation, settings), key()];
    const keptPeople = cache.kept('people', peopleKey);
    const people =
      (keptPeople && intact(keptPeople.memory) ? keptPeople : null) ??
      (await cache.replace(db, 'people', { key: peopleKey, rs, re: all.re }, (t) => buildPeople(db, t, all)));
    const sweep =
      cache.kept('sweep', sweepKey) ??
      (await cache.replace(db, 'sweep', { key: sweepKey, rs, re: all.re }, (t) =>
        buildSweep(db, t, all, { tables: people.tables, sessions: people.memory }),
      ));
    const kept = { sweep: sweep.tables, levels: sweep.memory, people: people.tables, keptRs: sweep.rs };
    const readKey = JSON.stringify([sweepKey, peopleKey, settings.zone, items]);
    const last = cache.lastRead(readKey, range.rs, range.re);
    if (last && onDayBoundaries(last, range)) return fromLastRead(db, kept, items, last, range, buckets.hours);
    const usage = await withScratch(db, (name) => readSweep(db, kept, items, buckets, range, name));
    cache.keepRead({ key: readKey, rs: range.rs, re: range.re, usage });
    return usage;
  };
  return cache ? cache.exclusive(work) : work();
}

/**
 * The sweep of [rs, re): segments split at every local hour (so days and
 * hours share it), the hours' integrals, days rolled up from them. `tables`
 * names the items and segments tables (scratch: a zone off the quarter-hour
 * grid is swept for each report).
 */
async function sweepPeriod(
  db: Database,
  items: string[],
  zone: string,
  [fromMs, toMs]: [number, number],
  range: UsageRange,
  tables: { items: string; segments: string },
  name: (role: string) => string,
): Promise<PeriodUsage> {
  const days = bucketsOf(zone, 'day', fromMs, toMs);
  const hours = bucketsOf(zone, 'hour', fromMs, toMs);
  const { items: itemsT, segments } = tables;
  const [daysT, hoursT, integrals] = [name('days'), name('hours'), name('integrals')];
  await db.insertArrow(itemsT, itemTable(items), true);
  await db.insertArrow(daysT, bucketTable(days), true);
  await db.insertArrow(hoursT, bucketTable(hours), true);
  // Split at hours: every day boundary is an hour boundary, so days and hours share one sweep.
  await db.query(createSegmentsSql({ target: segments, items: itemsT, boundaries: hoursT, range }));
  // One pass over the segments for the hours; the days and the heatmap's cells are summed from the hours.
  await db.query(createBucketIntegralsSql({ target: integrals, segments, buckets: hoursT }));
  const daily = assemble(
    items,
    days,
    range.re,
    await db.query<LevelRow>(rollUpLevelsSql({ integrals, items: itemsT, coarse: daysT, range })),
    await db.query<UserRow>(bucketUsersSql({ buckets: daysT, range })),
  );
  const weekHours = await readWeekHours(db, { integrals, items: itemsT, kept: false }, hours, range, name);
  return { daily, weekHours, ...(await peaksAndLevels(db, items, segments, itemsT)) };
}

/** The period's peaks and time at each level, from segments (those in `within` when given). */
async function peaksAndLevels(
  db: Database,
  items: string[],
  segments: string,
  itemsT: string,
  within?: { rs: number; re: number },
) {
  const peaks = new Map<string, PeakUsage>();
  for (const r of await db.query<{ item: string; peak: number; atMs: number; atPeakUs: number }>(
    peakSql({ segments, items: itemsT, within }),
  )) {
    peaks.set(r.item, { value: r.peak, at: r.atMs, minutesAtPeak: r.atPeakUs / 60_000_000 });
  }
  const levels = new Map<string, Map<number, number>>(items.map((i) => [i, new Map()]));
  for (const r of await db.query<{ item: string; level: number; us: number }>(
    levelDurationsSql({ segments, items: itemsT, within }),
  )) {
    levels.get(r.item)?.set(r.level, r.us / 1000);
  }
  return { peaks, levels };
}

/** Whether [rs, re) starts and ends where days of the last read do: then its days are whole ones of that read. */
function onDayBoundaries(last: KeptRead, range: UsageRange): boolean {
  const edges = new Set<number>([last.re]);
  for (const d of last.usage.daily.get(TOTAL) ?? []) edges.add(toMicros(d.start)).add(toMicros(d.end));
  return edges.has(range.rs) && edges.has(range.re);
}

/**
 * A period of whole days inside the last read: its days picked out, its
 * heatmap's sums read anew from the kept sweep, its peaks and levels from L(t) in memory.
 */
async function fromLastRead(
  db: Database,
  kept: { sweep: KeptTables; levels: KeptLevels; keptRs: number },
  items: string[],
  last: KeptRead,
  range: UsageRange,
  hours: readonly Bucket[],
): Promise<PeriodUsage> {
  const inside = (series: Map<string, BucketUsage[]>) =>
    new Map(
      [...series].map(([item, rows]) => [
        item,
        rows.filter((b) => toMicros(b.start) >= range.rs && toMicros(b.start) < range.re),
      ]),
    );
  return {
    daily: inside(last.usage.daily),
    weekHours: await withScratch(db, (name) =>
      readWeekHours(db, { integrals: kept.sweep.quarters, items: kept.sweep.items, kept: true }, hours, range, name),
    ),
    ...keptPeaksAndLevels(kept.levels, items, range, kept.keptRs),
  };
}
