/**
 * The heatmap of docs/DOMAIN.md §3 without an hourly series per license item:
 * the period's local hours, each in its cell of the week (ISO weekday × hour,
 * from Intl through buckets.ts), are handed to the database, which sums L's
 * integral and takes its peak per item and cell (sql/week-hours.ts). What
 * comes back is at most items × 168 rows, only where L was above 0.
 */
import { Table } from 'apache-arrow';
import { float64Vector, int32Vector, int64Vector } from '../arrow-vectors.ts';
import type { Database } from '../db/database.ts';
import { toMicros, type UsageRange } from '../sql/usage.ts';
import { weekHoursSql } from '../sql/week-hours.ts';
import type { Bucket } from './buckets.ts';

/** A cell of the week and the time of the period in it (µs, up to as-of). */
export interface WeekCell {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  us: number;
}

/** L in a cell: its integral (licenses × µs, weighted as the mean wants) and peak. */
export interface CellUsage {
  integral: number;
  peak: number;
}

export interface WeekHours {
  /** The cells the period's hours fall in, by weekday and hour. */
  cells: WeekCell[];
  /** Per item (and '*'): per cell (cellOf) where L was above 0. Items absent: 0 throughout. */
  used: Map<string, Map<number, CellUsage>>;
}

/** A cell's number, 0–167: (weekday − 1) × 24 + hour. */
export const cellOf = (weekday: number, hour: number) => (weekday - 1) * 24 + hour;

/** An hour of the period in its cell of the week. */
export interface WeekHour {
  start: number;
  cell: number;
  /** Time of the hour up to as-of over its time inside the range: the hour's average is its integral over the latter. */
  weight: number;
}

/**
 * The hours that count (those starting before the range's end), their cells
 * and weights, and the time of each cell: an hour cut by as-of weighs its
 * part up to as-of (docs/DOMAIN.md §3).
 */
export function weekHours(hours: readonly Bucket[], range: UsageRange): { rows: WeekHour[]; cells: WeekCell[] } {
  const rows: WeekHour[] = [];
  const time = new Map<number, WeekCell>();
  for (const b of hours) {
    const [start, end] = [toMicros(b.start), toMicros(b.end)];
    if (start >= range.re) continue;
    const us = Math.min(end, range.asOf) - start;
    const inside = Math.min(end, range.re) - Math.max(start, range.rs);
    const cell = cellOf(b.weekday, b.hour);
    rows.push({ start, cell, weight: inside > 0 ? us / inside : 0 });
    const c = time.get(cell) ?? { weekday: b.weekday, hour: b.hour, us: 0 };
    c.us += us;
    time.set(cell, c);
  }
  const cells = [...time.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  return { rows, cells };
}

/** The hours as a table: start_us, cell, weight. */
function hourTable(rows: readonly WeekHour[]): Table {
  return new Table({
    start_us: int64Vector(rows.map((r) => BigInt(r.start))),
    cell: int32Vector(rows.map((r) => r.cell)),
    weight: float64Vector(rows.map((r) => r.weight)),
  });
}

/**
 * The heatmap's sums over `range` from a sweep's own hours (`integrals`, see
 * weekHoursSql) of the items in `items` (item, id): a zone off the
 * quarter-hour grid (usage/engine.ts sweepPeriod). A kept sweep's are read in
 * memory (quarter-reads.ts). `name` names a scratch table.
 */
export async function readWeekHours(
  db: Database,
  { integrals, items }: { integrals: string; items: string },
  hours: readonly Bucket[],
  range: UsageRange,
  name: (role: string) => string,
): Promise<WeekHours> {
  const { rows, cells } = weekHours(hours, range);
  const used = new Map<string, Map<number, CellUsage>>();
  if (rows.length === 0) return { cells, used };
  const hoursT = name('week_hours');
  await db.insertArrow(hoursT, hourTable(rows), true);
  type Row = { item: string; cell: number; peak: number; integral: number };
  for (const r of await db.query<Row>(weekHoursSql({ integrals, items, hours: hoursT }))) {
    const byCell = used.get(r.item) ?? new Map<number, CellUsage>();
    byCell.set(r.cell, { integral: r.integral, peak: r.peak });
    used.set(r.item, byCell);
  }
  return { cells, used };
}
