/**
 * The report of DOMAIN.md §7 from the loaded data: one function that the CLI
 * and the page both call, so they cannot disagree.
 */
import type { Database } from '../db/database.ts';
import { EMPTY_INVENTORY, capacityOf, totalCapacity, type Inventory } from '../inventory/schema.ts';
import { ingestSummarySql, type IngestSummary } from '../sql/summary.ts';
import { inUseAtSql, licenseItemsSql, toMicros } from '../sql/usage.ts';
import { localIso } from '../usage/buckets.ts';
import { TOTAL, periodUsage, type PeriodUsage } from '../usage/engine.ts';
import { cardWarnings, computeCards } from './cards.ts';
import { heatmap, utilization } from './distributions.ts';
import { resolvePeriod, type Period } from './period.ts';
import { ReportSchema, type ItemReport, type Report } from './schema.ts';

export interface ReportOptions {
  zone: string;
  from?: string | undefined;
  to?: string | undefined;
  asOf?: number | undefined;
  /** Percent of capacity, default 80. */
  threshold?: number | undefined;
  holdMinutes?: number | undefined;
  inventory?: Inventory | undefined;
}

export class NoDataError extends Error {}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** License items to report: those in the data and those in the inventory, by name. */
async function reportItems(db: Database, inventory: Inventory): Promise<string[]> {
  const found = (await db.query<{ item: string }>(licenseItemsSql())).map((r) => r.item);
  return [...new Set([...found, ...Object.keys(inventory.items)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function buildReport(db: Database, options: ReportOptions): Promise<Report> {
  const summary = (await db.query<IngestSummary & Record<string, unknown>>(ingestSummarySql()))[0]!;
  if (summary.firstUse === null || summary.latest === null) throw new NoDataError('no sessions are loaded');
  const inventory = options.inventory ?? EMPTY_INVENTORY;
  const threshold = options.threshold ?? 80;
  const holdMinutes = options.holdMinutes ?? 0;
  const period = resolvePeriod(options, { firstUse: summary.firstUse, latest: summary.latest });
  const items = await reportItems(db, inventory);
  const usage = await periodUsage(db, items, { zone: options.zone, asOf: period.asOf, holdMinutes }, period.startMs, period.endMs);
  const inUse = new Map((await db.query<{ item: string; n: number }>(inUseAtSql(toMicros(period.asOf)))).map((r) => [r.item, r.n]));
  const itemReport = (license: string, capacity: number | null) =>
    reportFor(license, capacity, usage, inUse.get(license) ?? 0, period, options.zone, threshold);
  const report: Report = {
    version: 1,
    asOf: localIso(options.zone, period.asOf),
    timeZone: options.zone,
    threshold,
    holdMinutes,
    period: { from: period.from, to: period.to },
    ingest: {
      files: summary.files,
      rowsRead: summary.rowsRead,
      accepted: summary.accepted,
      rejected: summary.rejected,
      duplicates: summary.duplicates,
    },
    items: items.map((license) => itemReport(license, capacityOf(inventory, license))),
    total: { ...itemReport(TOTAL, totalCapacity(inventory, items)), license: '*' },
  };
  return ReportSchema.parse(report);
}

function reportFor(
  license: string,
  capacity: number | null,
  usage: PeriodUsage,
  inUseNow: number,
  period: Period,
  zone: string,
  threshold: number,
): ItemReport {
  const daily = usage.daily.get(license) ?? [];
  const peak = usage.peaks.get(license) ?? { value: 0, at: period.startMs, minutesAtPeak: 0 };
  const cards = computeCards(
    daily.map((d) => d.peak),
    { value: peak.value, at: localIso(zone, peak.at), minutesAtPeak: peak.minutesAtPeak },
    capacity,
    threshold,
  );
  return {
    license,
    capacity,
    inUseNow,
    usageRatio: capacity === null || capacity === 0 ? null : round(inUseNow / capacity),
    cards,
    warnings: cardWarnings(cards, capacity, threshold, daily.length),
    daily: daily.map((d) => ({
      date: d.key,
      peak: d.peak,
      average: round(d.average),
      distinctUsers: d.distinctUsers,
      sessions: d.sessions,
    })),
    utilization: roundUtilization(utilization(usage.levels.get(license) ?? new Map())),
    heatmap: heatmap(usage.hourly.get(license) ?? [], period.asOf).map((c) => ({ ...c, mean: round(c.mean) })),
  };
}

function roundUtilization(u: ReturnType<typeof utilization>) {
  return { ...u, levels: u.levels.map((l) => ({ level: l.level, share: round(l.share, 6) })) };
}
