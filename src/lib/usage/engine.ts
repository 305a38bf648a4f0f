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
import { quarterWeekHours } from './quarter-reads.ts';
import { bucketTable, bucketValues, itemTable, withScratch } from './scratch.ts';
import { keptTables, type KeptPart, type KeptRead as LastRead, type UsageCache } from './cache.ts';
import { dropKeptSql } from '../sql/usage-kept.ts';
import {
  assemble,
  buildPeople,
  buildSessions,
  buildSweep,
  intact,
  keptBucketLevels,
  keptSetBucketLevels,
  onGrid,
  peaksAndLevels as keptPeaksAndLevels,
  readSweep,
  type KeptLevels,
  type KeptRead,
} from './sweep.ts';
import { QUARTER_US } from '../sql/usage-kept.ts';
import type { BucketUsage, PeakUsage, PeriodUsage } from './series.ts';
import { readyUsageCopy, usageGeneration } from './usage-copy.ts';
import { reportStep } from './steps.ts';

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

/**
 * The range's bounds in µs, with the time-ordered sessions made ready (once
 * per change of the data) unless `copy` is false: then only the generation.
 */
async function rangeOf(
  db: Database,
  settings: UsageSettings,
  fromMs: number,
  toMs: number,
  only?: readonly string[],
  copy = true,
) {
  const { reach, first, generation } = await (copy ? readyUsageCopy(db) : usageGeneration(db));
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
   * (a set's too: its items' L(t) summed) are read from its L(t) in memory and
   * only the users asked of the database.
   */
  cache?: UsageCache | undefined;
}

/** The key of the kept sweep for these settings, in this generation of the data. */
const sweepKeyOf = (generation: string, settings: UsageSettings) =>
  JSON.stringify([generation, settings.asOf, settings.holdMinutes]);

/** Whether `cache` keeps the sweep of these settings for the data as it is now. */
export async function keepsSweep(db: Database, cache: UsageCache, settings: UsageSettings): Promise<boolean> {
  const { generation } = await usageGeneration(db);
  return cache.kept('sweep', sweepKeyOf(generation, settings)) !== null;
}

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
  const kept = options.cache?.kept('sweep', sweepKeyOf(generation, settings));
  if (kept) {
    // Every session's L(t) is in memory: the levels from it (a set's summed from its items'), the users in one
    // query with the buckets inside it (range.only keeps the set's sessions).
    const users = await db.query<UserRow>(bucketUsersSql({ buckets: bucketValues(buckets), range }));
    const levels = options.only
      ? keptSetBucketLevels(kept.memory, options.only, licenseItems, buckets, range)
      : keptBucketLevels(kept.memory, buckets, range);
    return assemble(items, buckets, range.re, levels, users);
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
 * Whether the people (a day's sessions and distinct users) are counted with
 * the report ('now'), or only read if kept, else left pending ('when-kept'):
 * the page's first report has its cards without waiting for them, and asks
 * again for them after (docs/DOMAIN.md §8.2).
 */
export type PeopleWhen = 'now' | 'when-kept';

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
  people: PeopleWhen = 'now',
): Promise<PeriodUsage> {
  const items = [...new Set(licenseItems), TOTAL];
  const buckets = {
    days: bucketsOf(settings.zone, 'day', fromMs, toMs),
    hours: bucketsOf(settings.zone, 'hour', fromMs, toMs),
  };
  const work = async () => {
    // With a cache, the generation alone: the usage copy is made when the people or a drill-down need it.
    const { range, generation, first } = await rangeOf(db, settings, fromMs, toMs, undefined, !cache);
    if (!onGrid(range, buckets.hours)) {
      await readyUsageCopy(db);
      const tables = (name: (role: string) => string) => ({ items: name('items'), segments: name('segments') });
      return withScratch(db, (name) =>
        sweepPeriod(db, items, settings.zone, [fromMs, toMs], range, tables(name), name),
      );
    }
    if (!cache) {
      return withScratch(db, async (name) => {
        const parts = [keptTables(name('sessions')), keptTables(name('people'))] as const;
        const [sessions, people] = parts;
        try {
          const kept = { tables: sessions, sessions: await buildSessions(db, sessions, range) };
          await buildPeople(db, people, range, kept);
          const levels = await buildSweep(db, range, kept);
          return await readSweep(db, { levels, people, keptRs: range.rs }, items, buckets, range, name);
        } finally {
          await db.query(parts.map(dropKeptSql).join('; '));
        }
      });
    }
    const kept = await keptParts(db, cache, { generation, settings, first, range }, people);
    const readKey = JSON.stringify([kept.key, settings.zone, items]);
    const last = cache.lastRead(readKey, range.rs, range.re);
    if (last && onDayBoundaries(last, range)) return fromLastRead(kept, items, last, range, buckets.hours);
    const usage = await withScratch(db, (name) => readSweep(db, kept, items, buckets, range, name));
    // A read without its people is not kept: a period inside it would take its pending days.
    if (!usage.usersPending) cache.keepRead({ key: readKey, rs: range.rs, re: range.re, usage });
    return usage;
  };
  return cache ? cache.exclusive(work) : work();
}

/**
 * Makes the cache's parts for a report of these settings ready, as
 * periodUsage would, and runs `meanwhile` while the sweep's worker sweeps
 * (at once if nothing is to be swept): the page's first report asks the
 * database its other questions while the database has nothing else to do.
 */
export async function readyUsage(
  db: Database,
  settings: UsageSettings,
  [fromMs, toMs]: [number, number],
  cache: UsageCache,
  people: PeopleWhen,
  meanwhile: () => Promise<unknown>,
): Promise<void> {
  let ran = false;
  const once = () => ((ran = true), meanwhile());
  await cache.exclusive(async () => {
    const { range, generation, first } = await reportStep('generation', () =>
      rangeOf(db, settings, fromMs, toMs, undefined, false),
    );
    // A period starting off the grid is swept on its own (periodUsage). Only whether it starts on it is asked:
    // a year's hours, which would tell a zone off the grid too (none today), cost more to make than they save.
    if (range.rs % QUARTER_US === 0) {
      await keptParts(db, cache, { generation, settings, first, range }, people, once);
    }
  });
  if (!ran) await meanwhile();
}

/**
 * The cache's parts for these settings, each made if it is not kept: the
 * sessions (read again if a worker lost them), the sweep (`meanwhile` run
 * while it sweeps), and the people unless `people` leaves them for later.
 * `key` names the sweep and people used.
 */
async function keptParts(
  db: Database,
  cache: UsageCache,
  {
    generation,
    settings,
    first,
    range,
  }: { generation: string; settings: UsageSettings; first: number; range: UsageRange },
  people: PeopleWhen,
  meanwhile?: () => Promise<unknown>,
): Promise<KeptRead & { key: string }> {
  // All the data up to as-of, from the quarter hour of the first session (or of as-of, if nothing is before it).
  const rs = Math.floor(Math.min(first, range.asOf) / QUARTER_US) * QUARTER_US;
  const all = { ...range, rs, re: range.asOf };
  const [sweepKey, dataKey] = [sweepKeyOf(generation, settings), JSON.stringify([generation, settings.asOf])];
  const made = (part: KeptPart) => ({ key: part === 'sweep' ? sweepKey : dataKey, rs, re: all.re });
  const keptSessions = cache.kept('sessions', dataKey);
  const sessions =
    (keptSessions && intact(keptSessions.memory) ? keptSessions : null) ??
    (await cache.replace(db, 'sessions', made('sessions'), (t) => buildSessions(db, t, all)));
  const input = { tables: sessions.tables, sessions: sessions.memory };
  const sweep =
    cache.kept('sweep', sweepKey) ??
    (await cache.replace(db, 'sweep', made('sweep'), () => buildSweep(db, all, input, meanwhile)));
  const counted =
    cache.kept('people', dataKey) ??
    (people === 'now'
      ? await cache.replace(db, 'people', made('people'), (t) => buildPeople(db, t, all, input))
      : null);
  return {
    levels: sweep.memory,
    people: counted?.tables ?? null,
    keptRs: sweep.rs,
    key: JSON.stringify([sweepKey, dataKey, counted !== null]),
  };
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
  const weekHours = await readWeekHours(db, { integrals, items: itemsT }, hours, range, name);
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
function onDayBoundaries(last: LastRead, range: UsageRange): boolean {
  const edges = new Set<number>([last.re]);
  for (const d of last.usage.daily.get(TOTAL) ?? []) edges.add(toMicros(d.start)).add(toMicros(d.end));
  return edges.has(range.rs) && edges.has(range.re);
}

/**
 * A period of whole days inside the last read: its days picked out, its
 * heatmap's sums, peaks and levels read anew from L(t) and its quarters in memory.
 */
function fromLastRead(
  kept: { levels: KeptLevels; keptRs: number },
  items: string[],
  last: LastRead,
  range: UsageRange,
  hours: readonly Bucket[],
): PeriodUsage {
  const inside = (series: Map<string, BucketUsage[]>) =>
    new Map(
      [...series].map(([item, rows]) => [
        item,
        rows.filter((b) => toMicros(b.start) >= range.rs && toMicros(b.start) < range.re),
      ]),
    );
  const { quarters, items: names } = kept.levels;
  return {
    daily: inside(last.usage.daily),
    weekHours: quarterWeekHours(quarters, names, hours, range),
    ...keptPeaksAndLevels(kept.levels, items, range, kept.keptRs),
  };
}
