/**
 * The report of docs/DOMAIN.md §7 in parts, each derived from the gathered
 * facts only when asked: an item's figures (cards, days) for a row of a list,
 * an item's whole report (its distributions too) for the item on screen, the
 * whole report (every item's 168 heatmap cells, schema-checked) only for the
 * CLI's JSON. With 100,000 license items the whole report is hundreds of MB
 * and seconds of work; the page asks for the parts it draws (docs/DOMAIN.md §8).
 * Every part is computed by the same code as the whole, so they cannot disagree.
 */
import { billingSection, monthlyPeaks, type BillingSchedule, type BillingSection } from '../billing/report.ts';
import { EMPTY_INVENTORY, capacityOf, inventoryItem, totalCapacity, type Inventory } from '../inventory/schema.ts';
import { localIso } from '../usage/buckets.ts';
import type { PeakUsage } from '../usage/series.ts';
import { TOTAL } from '../usage/total.ts';
import type { ReportFacts } from './facts.ts';
import { cardWarnings, computeCards, denialWarnings } from './cards.ts';
import { heatmapOf, utilization } from './distributions.ts';
import { ReportSchema, type ItemReport, type Report } from './schema.ts';

export interface PartsOptions {
  /** Percent of capacity, default 80. */
  threshold?: number | undefined;
  inventory?: Inventory | undefined;
  billing?: BillingSchedule | undefined;
}

/** An item's figures without its distributions: what a row of a list, a small multiple and a snapshot show. */
export type ItemFigures = Omit<ItemReport, 'utilization' | 'heatmap'>;

/** What the report says besides its items. */
export type ReportHeader = Pick<
  Report,
  'version' | 'asOf' | 'timeZone' | 'threshold' | 'holdMinutes' | 'period' | 'ingest' | 'denials'
>;

/** The items of a gathering as a set, kept while its facts are: one per gathering, not per threshold edit. */
const KNOWN = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The report's figures without distributions (the heatmap, utilization): a Report is one too. */
export type ReportFigures = ReportHeader & {
  items: readonly ItemFigures[];
  total: ItemFigures;
  billing?: BillingSection | undefined;
};

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export class ReportParts {
  readonly header: ReportHeader;
  /** The license items reported, by name (the total not among them). */
  readonly licenses: string[];
  /**
   * Whether the days' sessions and distinct users are still being counted
   * (useReport asks for them after the cards): they read 0 in the figures
   * meanwhile, which the page shows as pending, never as counts; the whole
   * report and a snapshot wait for them.
   */
  readonly usersPending: boolean;
  private readonly facts: ReportFacts;
  private readonly threshold: number;
  private readonly inventory: Inventory;
  private readonly schedule: BillingSchedule;
  private readonly whole = new Map<string, ItemReport>();
  private billingMemo: { section: BillingSection | undefined } | null = null;

  constructor(facts: ReportFacts, options: PartsOptions = {}) {
    this.facts = facts;
    this.licenses = facts.items;
    this.usersPending = facts.usage.usersPending === true;
    this.threshold = options.threshold ?? 80;
    this.inventory = options.inventory ?? EMPTY_INVENTORY;
    this.schedule = options.billing ?? 'monthly';
    const { summary, period, zone } = facts;
    this.header = {
      version: 1,
      asOf: localIso(zone, period.asOf),
      timeZone: zone,
      threshold: this.threshold,
      holdMinutes: facts.holdMinutes,
      period: { from: period.from, to: period.to },
      ingest: {
        files: summary.files,
        rowsRead: summary.rowsRead,
        accepted: summary.accepted,
        rejected: summary.rejected,
        duplicates: summary.duplicates,
      },
      ...(facts.denials && { denials: this.denialsSection(facts.denials) }),
    };
  }

  /** The period's peak of each item: ranks items without deriving their cards (the same map for every threshold). */
  get peaks(): ReadonlyMap<string, PeakUsage> {
    return this.facts.usage.peaks;
  }

  /** Whether `license` is a reported item (or the total). */
  has(license: string): boolean {
    let known = KNOWN.get(this.licenses);
    if (!known) KNOWN.set(this.licenses, (known = new Set(this.licenses)));
    return license === TOTAL || known.has(license);
  }

  /** The figures of `license` (or TOTAL): its cards, warnings and days, no distributions. Not kept: cheap. */
  figures(license: string): ItemFigures {
    const { usage, period, zone, inUse } = this.facts;
    const capacity = this.capacity(license);
    const inUseNow = inUse.get(license) ?? 0;
    const daily = usage.daily.get(license) ?? [];
    const peak = usage.peaks.get(license) ?? { value: 0, at: period.startMs, minutesAtPeak: 0 };
    const cards = computeCards(
      daily.map((d) => d.peak),
      { value: peak.value, at: localIso(zone, peak.at), minutesAtPeak: peak.minutesAtPeak },
      capacity,
      this.threshold,
    );
    return {
      license,
      capacity,
      inUseNow,
      usageRatio: capacity === null || capacity === 0 ? null : round(inUseNow / capacity),
      cards,
      warnings: cardWarnings(cards, capacity, this.threshold, daily.length),
      daily: daily.map((d) => ({
        date: d.key,
        peak: d.peak,
        average: round(d.average),
        distinctUsers: d.distinctUsers,
        sessions: d.sessions,
      })),
    };
  }

  /** The whole report of `license` (or TOTAL), distributions included: kept, as the item on screen asks again. */
  item(license: string): ItemReport {
    let report = this.whole.get(license);
    if (!report) {
      const { usage } = this.facts;
      report = {
        ...this.figures(license),
        utilization: roundUtilization(utilization(usage.levels.get(license) ?? new Map())),
        heatmap: heatmapOf(usage.weekHours, license).map((c) => ({ ...c, mean: round(c.mean) })),
      };
      this.whole.set(license, report);
    }
    return report;
  }

  /** The total's whole report (its license is TOTAL): the same object each time. */
  get total(): ItemReport & { license: typeof TOTAL } {
    return this.item(TOTAL) as ItemReport & { license: typeof TOTAL };
  }

  /**
   * The billing section (docs/DOMAIN.md §5), or undefined without prices: from
   * the days of the inventory's items alone, as an item outside the inventory
   * has no bill.
   */
  get billing(): BillingSection | undefined {
    if (!this.billingMemo) {
      const billed = this.licenses.filter((l) => inventoryItem(this.inventory, l) !== undefined);
      const daily = new Map(
        billed.map((l) => [l, (this.facts.usage.daily.get(l) ?? []).map((d) => ({ date: d.key, peak: d.peak }))]),
      );
      this.billingMemo = { section: billingSection(monthlyPeaks(daily), this.inventory, this.schedule) };
    }
    return this.billingMemo.section;
  }

  /**
   * Every item's figures without distributions, with the header and the
   * bills: what a snapshot carries (share/snapshot-build.ts). Derived when asked.
   */
  withoutDistributions(): ReportFigures {
    this.counted();
    return {
      ...this.header,
      items: this.licenses.map((l) => this.figures(l)),
      total: this.figures(TOTAL),
      billing: this.billing,
    };
  }

  /** The whole report, schema-checked: every item's distributions. For the CLI's JSON; the page never needs it. */
  report(): Report {
    this.counted();
    const { denials, ...header } = this.header;
    const report: Report = {
      ...header,
      items: this.licenses.map((l) => this.whole.get(l) ?? this.itemUnkept(l)),
      total: this.total,
    };
    const billing = this.billing;
    if (billing) report.billing = billing;
    if (denials) report.denials = denials;
    return ReportSchema.parse(report);
  }

  /** Refuses to make a whole report (or a snapshot) of days whose people are not counted: their 0s are not figures. */
  private counted(): void {
    if (this.usersPending) throw new Error('The days’ sessions and users are still being counted.');
  }

  private itemUnkept(license: string): ItemReport {
    const report = this.item(license);
    this.whole.delete(license);
    return report;
  }

  private capacity(license: string): number | null {
    return license === TOTAL ? totalCapacity(this.inventory, this.licenses) : capacityOf(this.inventory, license);
  }

  private denialsSection(facts: NonNullable<ReportFacts['denials']>): NonNullable<Report['denials']> {
    const d = facts.stats;
    const days = this.facts.usage.daily.get(TOTAL)?.length ?? 0;
    return {
      total: d.total,
      users: d.users,
      daysWithDenials: d.daysWithDenials,
      byReason: d.byReason,
      byLicense: d.byLicense,
      warnings: denialWarnings(d.users, facts.activeUsers, d.daysWithDenials, days),
    };
  }
}

function roundUtilization(u: ReturnType<typeof utilization>) {
  return { ...u, levels: u.levels.map((l) => ({ level: l.level, share: round(l.share, 6) })) };
}
