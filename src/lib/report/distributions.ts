/**
 * Distributions of docs/DOMAIN.md §3: the share of time at each level of L (the
 * utilization histogram) with the licenses that cover 95 % and 99 % of the
 * time, and mean and peak by hour of day × weekday (the heatmap).
 */
import type { BucketUsage } from '../usage/engine.ts';
import { cellOf, type WeekHours } from '../usage/week-hours.ts';

export interface Utilization {
  levels: { level: number; share: number }[];
  /** The fewest licenses that were enough for 95 % (99 %) of the time. */
  coverage95: number;
  coverage99: number;
}

export interface HeatCell {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  mean: number;
  peak: number;
}

export function utilization(msAtLevel: ReadonlyMap<number, number>): Utilization {
  const entries = [...msAtLevel.entries()].sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, ms]) => sum + ms, 0);
  const levels = entries.map(([level, ms]) => ({ level, share: total === 0 ? 0 : ms / total }));
  const cover = (target: number) => {
    let acc = 0;
    for (const [level, ms] of entries) {
      acc += ms;
      // A tolerance for float sums: 95 % must not become 94.9999…
      if (acc >= target * total - 1e-6) return level;
    }
    return entries.at(-1)?.[0] ?? 0;
  };
  return { levels, coverage95: cover(0.95), coverage99: cover(0.99) };
}

/**
 * Mean (time-weighted, from hourly averages) and peak per weekday and local
 * hour. An hour cut by as-of weighs only its part up to as-of, over which its
 * average was taken. The definition, from an hourly series; the report reads
 * the same figures from the database's sums (heatmapOf).
 */
export function heatmap(hourly: readonly BucketUsage[], asOf: number): HeatCell[] {
  const cells = new Map<string, { weekday: number; hour: number; area: number; ms: number; peak: number }>();
  for (const b of hourly) {
    const k = `${b.weekday}:${b.hour}`;
    const c = cells.get(k) ?? { weekday: b.weekday, hour: b.hour, area: 0, ms: 0, peak: 0 };
    const ms = Math.min(b.end, asOf) - b.start;
    c.area += b.average * ms;
    c.ms += ms;
    c.peak = Math.max(c.peak, b.peak);
    cells.set(k, c);
  }
  return [...cells.values()]
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour)
    .map((c) => ({ weekday: c.weekday, hour: c.hour, mean: c.ms === 0 ? 0 : c.area / c.ms, peak: c.peak }));
}

/**
 * The heatmap of `item` from the sums per cell of the week (usage/week-hours.ts):
 * the same cells and figures as `heatmap` over the item's hourly series, with
 * no series. A cell without usage is 0.
 */
export function heatmapOf(week: WeekHours, item: string): HeatCell[] {
  const used = week.used.get(item);
  return week.cells.map(({ weekday, hour, us }) => {
    const u = used?.get(cellOf(weekday, hour));
    return { weekday, hour, mean: us === 0 || !u ? 0 : u.integral / us, peak: u?.peak ?? 0 };
  });
}
