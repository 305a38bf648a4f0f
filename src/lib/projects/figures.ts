/**
 * The figures of a project page or a license item page,
 * for a set of license items counted together (docs/DOMAIN.md §3: the set's L(t) is
 * the sum over its items at the same instant, never a sum of separate peaks):
 *
 * - three pies, capacity used vs free at peak, over "All history" (the data's
 *   first instant to as-of), "The selected period" and "Today" (as-of's local
 *   day, up to as-of);
 * - the trend over the selected period, per local day: peak, average and
 *   distinct users;
 * - the usage table in 2-hour intervals of one local day (by default the
 *   selected period's last day, which is today when the period runs to as-of):
 *   local even hours 00–02 … 22–24, split where the clock jumps on DST days
 *   (as the engine's hours are), each with peak, average and distinct users
 *   computed for the interval itself.
 *
 * Every number comes from the engine (usageSeries with `only`): read from the
 * page's kept sweep of L(t) when `cache` keeps it for these settings, else
 * swept in SQL; nothing is summed over sessions here.
 */
import type { Database } from '../db/database.ts';
import { capacityOf, type Inventory } from '../inventory/schema.ts';
import { offsetAt } from '../time/zone.ts';
import { localDateOf, localIso, startOfLocalDate } from '../usage/buckets.ts';
import type { UsageCache } from '../usage/cache.ts';
import { TOTAL, usageSeries, type BucketUsage, type UsageSettings } from '../usage/engine.ts';

export type PieWindow = 'all' | 'period' | 'today';

export const PIE_LABELS: Readonly<Record<PieWindow, string>> = {
  all: 'All history',
  period: 'The selected period',
  today: 'Today',
};

export interface PieFigure {
  window: PieWindow;
  label: string;
  /** The window, UTC ms [from, to), cut at as-of. */
  from: number;
  to: number;
  /** The set's max L(t) over the window: the licenses used at peak. */
  used: number;
  /** The set's capacity, or null (some item has none, or it is 0): then free, over and percent are null too. */
  capacity: number | null;
  /** max(capacity − used, 0). */
  free: number | null;
  /** max(used − capacity, 0): licenses beyond the prepaid pool (True-Up). */
  over: number | null;
  /** used / capacity × 100. */
  percent: number | null;
}

export interface TrendPoint {
  /** Local date, YYYY-MM-DD. */
  date: string;
  peak: number;
  average: number;
  distinctUsers: number;
}

export interface IntervalRow {
  /** The bucket's local start with offset, e.g. 2026-03-29T03:00+02:00. */
  key: string;
  start: number;
  end: number;
  /** Local clock, e.g. "00:00–02:00", "22:00–24:00"; with the offset on days whose offset changes. */
  label: string;
  peak: number;
  average: number;
  distinctUsers: number;
  sessions: number;
}

export interface IntervalTable {
  /** The local day, YYYY-MM-DD. */
  date: string;
  /** Its 2-hour intervals up to as-of (none after it). */
  rows: IntervalRow[];
}

export interface PortalFigures {
  licenses: string[];
  capacity: number | null;
  /** All history, the selected period, today: in that order. */
  pies: [PieFigure, PieFigure, PieFigure];
  trend: TrendPoint[];
  intervals: IntervalTable;
}

export interface PortalWindows {
  /** The data's first instant, epoch ms: all history starts here. */
  earliest: number;
  /** The selected period, UTC ms [startMs, endMs). */
  period: { startMs: number; endMs: number };
  /** The day of the 2-hour table, YYYY-MM-DD; by default the period's last local day. */
  tableDate?: string | undefined;
}

const DAY = 86_400_000;

/**
 * The capacity of a set of items: the sum of their capacities, or null when
 * one of them lacks one: not in the inventory, or 0 licenses (a capacity of 0
 * counts as none, as in the report's cards). Null for an empty set.
 */
export function capacityOfSet(inventory: Inventory, licenses: readonly string[]): number | null {
  let sum = 0;
  for (const license of licenses) {
    const c = capacityOf(inventory, license);
    if (c === null || c === 0) return null;
    sum += c;
  }
  return licenses.length > 0 ? sum : null;
}

export function pieFigure(
  window: PieWindow,
  from: number,
  to: number,
  used: number,
  capacity: number | null,
): PieFigure {
  return {
    window,
    label: PIE_LABELS[window],
    from,
    to,
    used,
    capacity,
    free: capacity === null ? null : Math.max(capacity - used, 0),
    over: capacity === null ? null : Math.max(used - capacity, 0),
    percent: capacity === null ? null : (used / capacity) * 100,
  };
}

/** The local date after `date`. */
export function nextLocalDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** The default day of the 2-hour table: the selected period's last local day. */
export function defaultTableDate(zone: string, period: { startMs: number; endMs: number }): string {
  return localDateOf(zone, Math.max(period.startMs, period.endMs - 1));
}

const clockOf = (wall: number) => new Date(wall).toISOString().slice(11, 16);
const totalOf = (series: Map<string, BucketUsage[]>) => series.get(TOTAL) ?? [];
const maxPeak = (rows: readonly { peak: number }[]) => rows.reduce((m, r) => Math.max(m, r.peak), 0);

/** The set's 2-hour intervals of local day `date` (YYYY-MM-DD), up to as-of: the usage table. */
export async function intervalTable(
  db: Database,
  licenses: readonly string[],
  settings: UsageSettings,
  date: string,
  cache?: UsageCache,
): Promise<IntervalTable> {
  const from = startOfLocalDate(settings.zone, date);
  const to = startOfLocalDate(settings.zone, nextLocalDate(date));
  const rows = totalOf(await usageSeries(db, [], settings, '2-hour', from, to, { only: licenses, cache }));
  const offsets = new Set(rows.map((r) => r.key.slice(16)));
  offsets.add(localIso(settings.zone, from).slice(16));
  offsets.add(localIso(settings.zone, to).slice(16));
  const dstDay = offsets.size > 1;
  return {
    date,
    rows: rows.map((r) => {
      // The clock just before the end, in the interval's own offset: 00:00–02:00 even when the clock then jumps to 03:00.
      const endClock = r.end >= to ? '24:00' : clockOf(r.end + offsetAt(settings.zone, r.end - 1));
      const label = `${r.key.slice(11, 16)}–${endClock}${dstDay ? ` (UTC${r.key.slice(16)})` : ''}`;
      return {
        key: r.key,
        start: r.start,
        end: r.end,
        label,
        peak: r.peak,
        average: r.average,
        distinctUsers: r.distinctUsers,
        sessions: r.sessions,
      };
    }),
  };
}

/**
 * The peak of a set of items counted together over [fromMs, toMs) (cut at
 * as-of): month buckets, each with its exact max L, so few rows for long ranges.
 */
export async function setPeak(
  db: Database,
  licenses: readonly string[],
  settings: UsageSettings,
  fromMs: number,
  toMs: number,
  cache?: UsageCache,
): Promise<number> {
  return maxPeak(totalOf(await usageSeries(db, [], settings, 'month', fromMs, toMs, { only: licenses, cache })));
}

/** Each item's own peak over [fromMs, toMs), in one query. */
export async function itemPeaks(
  db: Database,
  licenses: readonly string[],
  settings: UsageSettings,
  fromMs: number,
  toMs: number,
  cache?: UsageCache,
): Promise<Map<string, number>> {
  const series = await usageSeries(db, licenses, settings, 'month', fromMs, toMs, { cache });
  return new Map(licenses.map((l) => [l, maxPeak(series.get(l) ?? [])]));
}

/** Everything a project page or an item page shows, for the items `licenses` counted together. */
export async function portalFigures(
  db: Database,
  licenses: readonly string[],
  inventory: Inventory,
  settings: UsageSettings,
  windows: PortalWindows,
  cache?: UsageCache,
): Promise<PortalFigures> {
  const { zone, asOf } = settings;
  const only = { only: licenses, cache };
  const capacity = capacityOfSet(inventory, licenses);

  const all = totalOf(await usageSeries(db, [], settings, 'month', windows.earliest, asOf, only));

  const { startMs, endMs } = windows.period;
  const days = totalOf(await usageSeries(db, [], settings, 'day', startMs, endMs, only));

  const todayDate = localDateOf(zone, asOf);
  const todayFrom = startOfLocalDate(zone, todayDate);
  const today = await intervalTable(db, licenses, settings, todayDate, cache);
  const tableDate = windows.tableDate ?? defaultTableDate(zone, windows.period);
  const intervals = tableDate === todayDate ? today : await intervalTable(db, licenses, settings, tableDate, cache);

  return {
    licenses: [...licenses],
    capacity,
    pies: [
      pieFigure('all', windows.earliest, asOf, maxPeak(all), capacity),
      pieFigure('period', startMs, Math.min(endMs, asOf), maxPeak(days), capacity),
      pieFigure('today', todayFrom, asOf, maxPeak(today.rows), capacity),
    ],
    trend: days.map((d) => ({ date: d.key, peak: d.peak, average: d.average, distinctUsers: d.distinctUsers })),
    intervals,
  };
}
