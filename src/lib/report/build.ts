/**
 * The report of docs/DOMAIN.md §7 from the loaded data: one function that the CLI
 * and the page both call, so they cannot disagree.
 */
import type { BillingSchedule } from '../billing/report.ts';
import type { Database } from '../db/database.ts';
import { denialRange, denialStats } from '../denials/report.ts';
import { activeUserCountSql, denialFilesSql } from '../sql/denials.ts';
import type { Inventory } from '../inventory/schema.ts';
import { ingestSummarySql, type IngestSummary } from '../sql/summary.ts';
import { inUseAtSql, licenseItemsSql, toMicros } from '../sql/usage.ts';
import type { UsageCache } from '../usage/cache.ts';
import { periodUsage, readyUsage, type PeopleWhen } from '../usage/engine.ts';
import { reportStep } from '../usage/steps.ts';
import { resolvePeriod, type Period } from './period.ts';
import type { ReportFacts } from './facts.ts';
import { ReportParts } from './parts.ts';
import type { Report } from './schema.ts';

export interface ReportOptions {
  zone: string;
  from?: string | undefined;
  to?: string | undefined;
  asOf?: number | undefined;
  /** Percent of capacity, default 80. */
  threshold?: number | undefined;
  holdMinutes?: number | undefined;
  inventory?: Inventory | undefined;
  billing?: BillingSchedule | undefined;
}

// The facts' shape lives apart, so that the parts (parts.ts) read it without importing this module.
export type { ReportFacts } from './facts.ts';

export class NoDataError extends Error {}

/**
 * A period whose figures could not be computed (a value out of range deep in
 * a query, say): the message names the period in words, so the page and the
 * CLI say which report failed, not only a database's words.
 */
export class ReportError extends Error {}

/** License items to report: those in the data and `extra` names (the inventory's), by name. */
async function reportItems(db: Database, extra: readonly string[]): Promise<string[]> {
  const found = (await db.query<{ item: string }>(licenseItemsSql())).map((r) => r.item);
  return [...new Set([...found, ...extra])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface FactsOptions {
  zone: string;
  from?: string | undefined;
  to?: string | undefined;
  asOf?: number | undefined;
  holdMinutes?: number | undefined;
  /** License items to report besides those in the data (the inventory's). */
  itemNames?: readonly string[] | undefined;
  /** The ingest summary when the caller has it for the data as loaded (the page does): saves a scan of every session. */
  summary?: IngestSummary | undefined;
  /** What the last reports on this database kept (the page's): a period change then asks little. */
  cache?: UsageCache | undefined;
  /**
   * 'when-kept': the days' sessions and distinct users only if the cache
   * keeps the people already, else left pending (usage.usersPending) for
   * countPeople to fill in: the page's first report, whose cards need none
   * of them (docs/DOMAIN.md §3, §8.2). 'now' (the default) counts them.
   */
  people?: PeopleWhen | undefined;
}

export async function gatherReportFacts(db: Database, options: FactsOptions): Promise<ReportFacts> {
  const summary = options.summary ?? (await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql()))[0]!;
  if (summary.firstUse === null || summary.latest === null) throw new NoDataError('no sessions are loaded');
  const period = resolvePeriod(options, { firstUse: summary.firstUse, latest: summary.latest });
  return namingFailures(period, options.zone, () => periodFacts(db, options, summary, period));
}

/** `work`, its failure named by the period and zone it was for (ReportError). */
async function namingFailures<T>(period: Period, zone: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/\.+$/, '');
    throw new ReportError(`the figures of ${period.from} to ${period.to} (${zone}) could not be computed: ${why}`, {
      cause: e,
    });
  }
}

/**
 * Facts gathered with their people pending (FactsOptions.people), completed:
 * the same facts with the days' sessions and distinct users counted, as a
 * gathering with the people would have them (the people are then kept in
 * `cache` for every later report). Facts already complete come back as they are.
 */
export async function countPeople(db: Database, facts: ReportFacts, cache?: UsageCache): Promise<ReportFacts> {
  if (!facts.usage.usersPending) return facts;
  const { period, zone, holdMinutes } = facts;
  const settings = { zone, asOf: period.asOf, holdMinutes };
  const usage = await namingFailures(period, zone, () =>
    periodUsage(db, facts.items, settings, period.startMs, period.endMs, cache),
  );
  return { ...facts, usage };
}

async function periodFacts(
  db: Database,
  options: FactsOptions,
  summary: IngestSummary,
  period: Period,
): Promise<ReportFacts> {
  const holdMinutes = options.holdMinutes ?? 0;
  const { cache } = options;
  const extra = options.itemNames ?? [];
  // Neither depends on the period: with a cache, asked once per state of the data (one generation read for both).
  const ask = async () => {
    const items = await reportItems(db, extra);
    const rows = await db.query<{ item: string; n: number }>(inUseAtSql(toMicros(period.asOf)));
    return { items, inUse: new Map(rows.map((r) => [r.item, r.n])) };
  };
  let answer: ReturnType<typeof ask> | undefined;
  const asked = () =>
    (answer ??= reportStep('items and in use', () =>
      cache ? cache.memo(db, JSON.stringify([extra, period.asOf]), ask) : ask(),
    ));
  const settings = { zone: options.zone, asOf: period.asOf, holdMinutes };
  const people = options.people ?? 'now';
  // The first report after a load (nothing swept yet) has its sweep made first, the items and who is in use
  // asked while its worker sweeps; later ones find the sweep kept, or sweep anew (a hold change) as they go.
  if (cache?.memoryOf('sweep') === null)
    await readyUsage(db, settings, [period.startMs, period.endMs], cache, people, asked);
  const { items, inUse } = await asked();
  const usage = await periodUsage(db, items, settings, period.startMs, period.endMs, cache, people);
  const [{ n: denialFiles }] = await reportStep(
    'denials asked',
    () => db.query<{ n: number }>(denialFilesSql()) as Promise<[{ n: number }]>,
  );
  let denials: ReportFacts['denials'] = null;
  if (denialFiles > 0) {
    const stats = await denialStats(db, options.zone, denialRange('period', period.asOf, period));
    const [{ n: activeUsers }] = (await db.query<{ n: number }>(
      activeUserCountSql({ rs: toMicros(period.startMs), re: toMicros(period.endMs) }),
    )) as [{ n: number }];
    denials = { stats, activeUsers };
  }
  return { summary, zone: options.zone, holdMinutes, period, items, usage, inUse, denials };
}

/** The whole report from gathered facts, a threshold and an inventory: no query (the page asks for parts: parts.ts). */
export function deriveReport(
  facts: ReportFacts,
  options: { threshold?: number | undefined; inventory?: Inventory | undefined; billing?: BillingSchedule | undefined },
): Report {
  return new ReportParts(facts, options).report();
}

export async function buildReport(db: Database, options: ReportOptions): Promise<Report> {
  const facts = await gatherReportFacts(db, { ...options, itemNames: Object.keys(options.inventory?.items ?? {}) });
  return deriveReport(facts, options);
}
