/**
 * A period's days and heatmap read from the kept sweep's quarters in memory
 * (usage/kernel.ts sweepQuarters: per item id and quarter hour where L > 0,
 * its peak and integral), without asking the database: every day and hour of
 * a zone on the grid is whole quarters, so its peak is its quarters' largest
 * and its integral their sum (docs/DOMAIN.md §3, §8.2). Storing the quarters
 * in the database and reading them back there cost the first report more
 * than a pass over them here, which at a million sessions is some 10^5 to
 * 10^6 quarters and takes milliseconds.
 */
import { toMicros, type UsageRange } from '../sql/usage.ts';
import type { Bucket } from './buckets.ts';
import type { Quarters } from './kernel.ts';
import { weekHours, type CellUsage, type WeekHours } from './week-hours.ts';

/** Per bucket and item: the peak of L over its part of the range, and its average there. */
export interface LevelRow {
  idx: number;
  item: string;
  peak: number;
  average: number;
}

/** The first index in [lo, hi) whose value is at least x (values ascending there). */
function firstAtLeast(values: Float64Array | readonly number[], x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Calls `visit` with each quarter of [range.rs, range.re) and the index of the
 * last bucket starting at or before it (none: skipped), item by item; `starts`
 * are the buckets' starts in µs, ascending.
 */
function eachQuarter(
  q: Quarters,
  starts: readonly number[],
  range: UsageRange,
  visit: (i: number, bucket: number) => void,
): void {
  for (let a = 0; a < q.id.length;) {
    let b = a;
    while (b < q.id.length && q.id[b] === q.id[a]) b++;
    let bucket = -1;
    for (let i = firstAtLeast(q.startUs, range.rs, a, b); i < b && q.startUs[i]! < range.re; i++) {
      const t = q.startUs[i]!;
      if (bucket < 0) bucket = firstAtLeast(starts, t + 1, 0, starts.length) - 1;
      while (bucket + 1 < starts.length && starts[bucket + 1]! <= t) bucket++;
      if (bucket >= 0) visit(i, bucket);
    }
    a = b;
  }
}

/**
 * Per bucket and item where L was above 0 in it: peak and time-weighted
 * average over the bucket's part of the range, `names[id]` naming each item.
 */
export function quarterLevels(
  q: Quarters,
  names: readonly string[],
  buckets: readonly Bucket[],
  range: UsageRange,
): LevelRow[] {
  const starts = buckets.map((b) => toMicros(b.start));
  const span = (idx: number) => Math.min(toMicros(buckets[idx]!.end), range.re) - Math.max(starts[idx]!, range.rs);
  const rows: LevelRow[] = [];
  let row: LevelRow | null = null;
  let [id, integral] = [-1, 0];
  const flush = () => {
    if (row) row.average = integral / span(row.idx);
  };
  eachQuarter(q, starts, range, (i, idx) => {
    if (!row || row.idx !== idx || id !== q.id[i]) {
      flush();
      id = q.id[i]!;
      row = { idx, item: names[id]!, peak: 0, average: 0 };
      rows.push(row);
      integral = 0;
    }
    if (q.peak[i]! > row.peak) row.peak = q.peak[i]!;
    integral += q.integral[i]!;
  });
  flush();
  return rows;
}

/**
 * The heatmap's sums over the range (week-hours.ts) from the quarters: per
 * item and cell of the week where L was above 0, the integral (each hour's
 * weighted as its share of the cell's mean) and the peak.
 */
export function quarterWeekHours(
  q: Quarters,
  names: readonly string[],
  hours: readonly Bucket[],
  range: UsageRange,
): WeekHours {
  const { rows, cells } = weekHours(hours, range);
  const used = new Map<string, Map<number, CellUsage>>();
  const starts = rows.map((r) => r.start);
  eachQuarter(q, starts, range, (i, h) => {
    const item = names[q.id[i]!]!;
    let byCell = used.get(item);
    if (!byCell) used.set(item, (byCell = new Map()));
    const { cell, weight } = rows[h]!;
    const c = byCell.get(cell);
    const integral = q.integral[i]! * weight;
    if (c) {
      c.integral += integral;
      if (q.peak[i]! > c.peak) c.peak = q.peak[i]!;
    } else byCell.set(cell, { integral, peak: q.peak[i]! });
  });
  return { cells, used };
}
