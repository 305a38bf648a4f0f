/**
 * The denials report (docs/DOMAIN.md §6): the last 24 hours, the last 7 days (up to
 * and including as-of), or a period; counts by reason, item, product, user
 * and local hour, per local day, with the troubleshooting advice.
 */
import type { Database } from '../db/database.ts';
import { zeroByReason, type DenialReason } from './reasons.ts';
import { denialCountsSql, type DenialRange } from '../sql/denials.ts';
import { toMicros } from '../sql/usage.ts';
import { bucketsOf, localDateKey } from '../usage/buckets.ts';
import { withScratch } from '../usage/scratch.ts';
import { Table } from 'apache-arrow';
import { int32Vector, int64Vector, utf8Vector } from '../arrow-vectors.ts';
import { offsetAt } from '../time/zone.ts';

export type DenialWindow = 'last24h' | 'last7d' | 'period';

export interface DenialStats {
  total: number;
  users: number;
  daysWithDenials: number;
  byReason: Record<DenialReason, number>;
  byLicense: Record<string, number>;
  byProduct: Record<string, number>;
  byUser: Record<string, number>;
  /** Local hour of day 0–23 → count. */
  byHour: number[];
  /** Local date → count. */
  byDay: Record<string, number>;
}

const HOUR = 3_600_000;

/** The instants a window covers, µs. Windows before as-of include as-of itself. */
export function denialRange(
  window: DenialWindow,
  asOf: number,
  period: { startMs: number; endMs: number },
): DenialRange {
  if (window === 'period')
    return {
      from: toMicros(period.startMs),
      fromOpen: false,
      to: toMicros(period.endMs),
      toClosed: period.endMs === asOf,
    };
  const span = window === 'last24h' ? 24 * HOUR : 7 * 24 * HOUR;
  return { from: toMicros(asOf - span), fromOpen: true, to: toMicros(asOf), toClosed: true };
}

/** Hour buckets with their local day and hour, for grouping denials in the report zone. */
function hourTable(zone: string, fromMs: number, toMs: number): Table {
  const hours = bucketsOf(zone, 'hour', fromMs, toMs + 1);
  return new Table({
    idx: int32Vector(hours.map((_, i) => i)),
    start_us: int64Vector(hours.map((h) => BigInt(toMicros(h.start)))),
    day: utf8Vector(hours.map((h) => localDateKey(h.start + offsetAt(zone, h.start)))),
    hour: int32Vector(hours.map((h) => h.hour)),
  });
}

export async function denialStats(db: Database, zone: string, range: DenialRange): Promise<DenialStats> {
  const rows = await withScratch(db, async (name) => {
    const hours = name('denial_hours');
    await db.insertArrow(hours, hourTable(zone, range.from / 1000, range.to / 1000), true);
    return db.query<{ dim: string; key: string; n: number }>(denialCountsSql({ hours, range }));
  });
  const stats: DenialStats = {
    total: 0,
    users: 0,
    daysWithDenials: 0,
    byReason: zeroByReason(),
    byLicense: {},
    byProduct: {},
    byUser: {},
    byHour: new Array<number>(24).fill(0),
    byDay: {},
  };
  for (const { dim, key, n } of rows) {
    if (dim === 'total') stats.total = n;
    else if (dim === 'users') stats.users = n;
    else if (dim === 'days') stats.daysWithDenials = n;
    else if (dim === 'reason') stats.byReason[key as DenialReason] = n;
    else if (dim === 'license') stats.byLicense[key] = n;
    else if (dim === 'product') stats.byProduct[key] = n;
    else if (dim === 'user') stats.byUser[key] = n;
    else if (dim === 'hour') stats.byHour[Number(key)] = n;
    else if (dim === 'day') stats.byDay[key] = n;
  }
  return stats;
}
