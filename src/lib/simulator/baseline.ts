/**
 * The "as exported" column of the Simulate page: the loaded data's own figures,
 * from the report's code (report/build.ts) with no hold delay, over the
 * report's default period, so each scenario over the same span can be set
 * beside what really happened (docs/DOMAIN.md §8.3).
 */
import type { Database } from '../db/database.ts';
import { type DenialReason } from '../denials/reasons.ts';
import type { Inventory } from '../inventory/schema.ts';
import { sessionsStartedBeforeSql } from '../sql/summary.ts';
import { deriveReport, gatherReportFacts } from '../report/build.ts';
import { localDateOf, startOfLocalDate } from '../usage/buckets.ts';
import { TOTAL } from '../usage/engine.ts';
import type { Day, Outcome } from './scenario.ts';

export interface Baseline {
  /** Sessions loaded (accepted, duplicates removed) that start before as-of: those the scenarios replay. */
  sessions: number;
  peak: number;
  /** Licenses in use on average over the span, time-weighted. */
  average: number;
  coverage95: number;
  coverage99: number;
  /** By reason, from the loaded denials files; null when none is loaded. */
  denials: Record<DenialReason, number> | null;
  /** The most licenses in use on each local day of the period. */
  daily: { date: string; peak: number }[];
  /** The period's local days as instants, for the scenarios' daily peaks. */
  days: Day[];
  /** The span the scenarios replay: the period's start to as-of. */
  span: { from: number; until: number };
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The loaded data's own figures, all items together, in `zone`. */
export async function exportBaseline(db: Database, zone: string, inventory: Inventory): Promise<Baseline> {
  const facts = await gatherReportFacts(db, { zone, holdMinutes: 0, itemNames: Object.keys(inventory.items) });
  const report = deriveReport(facts, { inventory });
  const { period } = facts;
  let area = 0;
  let ms = 0;
  for (const [level, span] of facts.usage.levels.get(TOTAL) ?? []) {
    area += level * span;
    ms += span;
  }
  const days = report.total.daily.map(({ date }) => ({
    date,
    start: Math.max(startOfLocalDate(zone, date), period.startMs),
    end: Math.min(startOfLocalDate(zone, nextDate(date)), period.endMs),
  }));
  // The loaded sessions a replay up to as-of starts from (one starting at as-of itself is not among them).
  const [started] = await db.query<{ n: number }>(sessionsStartedBeforeSql(period.endMs));
  return {
    sessions: started?.n ?? 0,
    peak: report.total.cards.peakUsage.value,
    average: ms === 0 ? 0 : area / ms,
    coverage95: report.total.utilization.coverage95,
    coverage99: report.total.utilization.coverage99,
    denials: report.denials ? { ...report.denials.byReason } : null,
    daily: report.total.daily.map(({ date, peak }) => ({ date, peak })),
    days,
    span: { from: period.startMs, until: period.endMs },
  };
}

export type Figure = 'sessions' | 'peak' | 'average' | 'coverage95' | 'coverage99';

/** A scenario's figures less the export's; denials null when no denials file is loaded. */
export type Difference = Record<Figure, number> & { denials: Record<DenialReason, number> | null };

/** A scenario's figures less the export's: what the scenario would change. */
export function differenceFromBaseline(outcome: Outcome, baseline: Baseline): Difference {
  const denials = baseline.denials;
  return {
    sessions: outcome.sessions - baseline.sessions,
    peak: outcome.peak - baseline.peak,
    average: outcome.average - baseline.average,
    coverage95: outcome.coverage95 - baseline.coverage95,
    coverage99: outcome.coverage99 - baseline.coverage99,
    denials:
      denials &&
      (Object.fromEntries(
        Object.entries(outcome.denials).map(([r, n]) => [r, n - (denials[r as DenialReason] ?? 0)]),
      ) as Record<DenialReason, number>),
  };
}

/** The local days of [from, until) in `zone`, the first and last cut to the span. */
export function localDays(zone: string, from: number, until: number): Day[] {
  const days: Day[] = [];
  for (let date = localDateOf(zone, from); ; date = nextDate(date)) {
    const start = startOfLocalDate(zone, date);
    if (start >= until) break;
    days.push({ date, start: Math.max(start, from), end: Math.min(startOfLocalDate(zone, nextDate(date)), until) });
  }
  return days;
}
