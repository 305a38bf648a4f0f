/**
 * A long period's days as weeks or months, so a year is about 52 bars rather
 * than 365 (docs/DOMAIN.md §8.2). A group's peak is its highest daily peak
 * (so a week is red when one of its days reached capacity), its average the
 * mean of its days' averages (days are whole local days, so this is the
 * group's time-weighted average up to a DST hour), and its users the most
 * distinct users of any one of its days (distinct users do not add up over days).
 */

/** Past this many days the chart shows weeks. */
export const WEEKS_PAST_DAYS = 120;
/** Past this many days (about two years of weeks) it shows months. */
export const MONTHS_PAST_DAYS = 730;

export type Grain = 'day' | 'week' | 'month';

export interface DayFigures {
  /** A local calendar date, YYYY-MM-DD. */
  date: string;
  peak: number;
  average: number;
  distinctUsers: number;
}

export interface GroupFigures extends DayFigures {
  /** The group's key: the Monday of its week, or YYYY-MM. */
  key: string;
  /** Its days as they are in the period (the first and last week or month may be cut by the period). */
  days: DayFigures[];
  /** How many of its days reached the capacity given (0 without one). */
  daysAtCapacity: number;
}

export function grainFor(days: number): Grain {
  return days > MONTHS_PAST_DAYS ? 'month' : days > WEEKS_PAST_DAYS ? 'week' : 'day';
}

/** The Monday on or before a date (weeks start on Monday, ISO 8601). */
export function weekStart(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(t - weekday * 86_400_000).toISOString().slice(0, 10);
}

export function groupKey(date: string, grain: Grain): string {
  return grain === 'week' ? weekStart(date) : grain === 'month' ? date.slice(0, 7) : date;
}

/** The days in groups of the grain, in order; each group keeps its days for opening it. */
export function groupDays(days: readonly DayFigures[], grain: Grain, capacity: number | null): GroupFigures[] {
  const groups = new Map<string, DayFigures[]>();
  for (const d of days) {
    const key = groupKey(d.date, grain);
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  return [...groups].map(([key, list]) => ({
    key,
    date: list[0]!.date,
    peak: Math.max(...list.map((d) => d.peak)),
    average: list.reduce((a, d) => a + d.average, 0) / list.length,
    distinctUsers: Math.max(...list.map((d) => d.distinctUsers)),
    days: list,
    daysAtCapacity: capacity === null || capacity <= 0 ? 0 : list.filter((d) => d.peak >= capacity).length,
  }));
}
