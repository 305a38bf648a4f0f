/**
 * The "as exported" column of the Simulate page: the loaded data's own figures,
 * from the report's code (report/build.ts) with no hold delay, over the
 * report's default period, so each scenario over the same span can be set
 * beside what really happened (docs/DOMAIN.md §8.3).
 */
import type { Database } from '../db/database.ts';
import { type DenialReason } from '../denials/reasons.ts';
import type { Inventory } from '../inventory/schema.ts';
import { ingestSummarySql, sessionsStartedBeforeSql, type IngestSummary } from '../sql/summary.ts';
import { deriveReport, gatherReportFacts } from '../report/build.ts';
import { localDateOf, startOfLocalDate } from '../usage/buckets.ts';
import type { UsageCache } from '../usage/cache.ts';
import { keepsSweep, TOTAL, type UsageSettings } from '../usage/engine.ts';
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

/**
 * The loaded data's own figures, all items together, in `zone`; read from
 * the page's kept sweep of L(t) when `cache` may give it (usableCache). The
 * days' users are counted with them (people 'now'): deriveReport refuses a
 * report whose people are pending, though no figure here shows them.
 */
export async function exportBaseline(
  db: Database,
  zone: string,
  inventory: Inventory,
  cache?: UsageCache,
): Promise<Baseline> {
  const [summary] = await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql());
  // The report's default as-of: the latest instant in the data.
  const settings = { zone, asOf: summary?.latest ?? null, holdMinutes: 0 };
  const facts = await gatherReportFacts(db, {
    zone,
    holdMinutes: 0,
    itemNames: Object.keys(inventory.items),
    summary,
    cache: await usableCache(db, cache, settings),
  });
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

/**
 * The page's cache, when the baseline may read it: it keeps the very sweep
 * the baseline asks for (no hold delay, as-of the data's latest instant), or
 * no sweep yet (then the one made here is kept for the dashboard, whose
 * default settings these are). The cache keeps one sweep: one of another hold
 * delay or as-of is the dashboard's, and the baseline's would replace it, so
 * that the dashboard's next report would sweep all the data again; the
 * baseline then sweeps its own period, as without a cache.
 */
async function usableCache(
  db: Database,
  cache: UsageCache | undefined,
  settings: Omit<UsageSettings, 'asOf'> & { asOf: number | null },
): Promise<UsageCache | undefined> {
  const { asOf } = settings;
  if (!cache || asOf === null) return undefined;
  if (cache.memoryOf('sweep') === null) return cache;
  return (await keepsSweep(db, cache, { ...settings, asOf })) ? cache : undefined;
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
