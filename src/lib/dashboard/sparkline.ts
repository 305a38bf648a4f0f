/**
 * The small daily series drawn beside each card and in the Overview's small
 * multiples (docs/DOMAIN.md §3, §8.2): one value per day of the period, the
 * days that make the card's figure marked, and a text alternative that says
 * what the drawing shows. Taken from the report's daily figures: no query.
 */
import type { CardName } from '../report/cards.ts';

/** A day as the report holds it (`daily`), its peak already of the license type shown. */
export interface SparkDay {
  date: string;
  peak: number;
  average: number;
}

export interface Spark {
  /** One value per day, in date order. */
  values: number[];
  /** Days drawn in the warning colour: those the card counts or its figure comes from. */
  marked: boolean[];
  /** A level drawn as a line (the threshold or the capacity), when the card measures against one. */
  reference: number | null;
  /** What the drawing shows, for screen readers. */
  label: string;
}

const one = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** "daily peak from 2025-11-01 to 2025-12-30, min 3, max 12": the series' span and range in words. */
export function describeSeries(what: string, dates: readonly string[], values: readonly number[]): string {
  if (values.length === 0) return `${what}: no days in the period`;
  const span = dates.length === 1 ? `on ${dates[0]}` : `from ${dates[0]} to ${dates.at(-1)}`;
  return `${what} ${span}, min ${one(Math.min(...values))}, max ${one(Math.max(...values))}`;
}

/**
 * Each card's series: the daily peaks for the average and the peak (the peak's
 * days marked), the daily peaks against the threshold or the capacity for the
 * day counts (the counted days marked), and the daily time-weighted average in
 * use for "In use now". Without a capacity the day counts mark nothing.
 */
export function cardSparklines(
  days: readonly SparkDay[],
  capacity: number | null,
  threshold: number,
): Record<CardName, Spark> {
  const dates = days.map((d) => d.date);
  const peaks = days.map((d) => d.peak);
  const averages = days.map((d) => d.average);
  const pool = capacity === null || capacity <= 0 ? null : capacity;
  const limit = pool === null ? null : (threshold / 100) * pool;
  const highest = peaks.length === 0 ? 0 : Math.max(...peaks);
  const dailyPeak = describeSeries('daily peak', dates, peaks);
  const counted = (level: number | null, what: string): Spark => {
    const marked = peaks.map((p) => level !== null && p >= level);
    const n = marked.filter(Boolean).length;
    return {
      values: peaks,
      marked,
      reference: level,
      label: level === null ? `${dailyPeak}; no capacity` : `${dailyPeak}; ${n} days ${what}`,
    };
  };
  return {
    averageDailyUsage: { values: peaks, marked: peaks.map(() => false), reference: null, label: dailyPeak },
    peakUsage: {
      values: peaks,
      marked: peaks.map((p) => p === highest && highest > 0),
      reference: null,
      label: `${dailyPeak}; the peak marked`,
    },
    daysOverThreshold: counted(limit, `at or over ${threshold} % of capacity (${one(limit ?? 0)})`),
    daysAtCapacity: counted(pool, `at capacity (${pool ?? 0})`),
    inUseNow: {
      values: averages,
      marked: averages.map(() => false),
      reference: null,
      label: describeSeries('daily time-weighted average in use', dates, averages),
    },
  };
}

export interface SparkBar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the bars and the reference line go in a box of `width` × `height`
 * (SVG units, y downwards): the scale reaches the highest value or the
 * reference, whichever is higher, so a capacity line is always inside.
 */
export function sparkGeometry(
  values: readonly number[],
  reference: number | null,
  width: number,
  height: number,
): { bars: SparkBar[]; referenceY: number | null } {
  const top = Math.max(1, reference ?? 0, ...values);
  const step = values.length === 0 ? 0 : width / values.length;
  // A gap between bars only where they are wide enough to keep one.
  const gap = step > 3 ? 1 : 0;
  const y = (v: number) => height - (v / top) * height;
  return {
    bars: values.map((v, i) => ({ x: i * step, y: y(v), width: Math.max(0.5, step - gap), height: height - y(v) })),
    referenceY: reference === null ? null : y(reference),
  };
}
