/**
 * The renewal section (docs/DOMAIN.md §10) from the loaded data: one function
 * that the CLI and the Plan tab both call, so they cannot disagree.
 */
import { monthlyPeaks } from '../billing/report.ts';
import type { Database } from '../db/database.ts';
import { EMPTY_INVENTORY, inventoryItem, type Inventory, type InventoryItem } from '../inventory/schema.ts';
import { itemUse, type ItemUse } from '../queries/idle.ts';
import { loadedSessions } from '../queries/demand.ts';
import { gatherReportFacts, type ReportFacts } from '../report/build.ts';
import type { Period } from '../report/period.ts';
import { localIso } from '../usage/buckets.ts';
import { costCurve, peakOf, type CurvePoint, type ItemDemand } from './cost-curve.ts';
import { DEFAULT_IDLE_DAYS, idleCandidates } from './idle.ts';
import { recommend } from './recommend.ts';
import { replayItem, sessionsOfItem, type ReplayOutcome, type ReplaySpan } from './replay.ts';
import { periodMonths } from './scale.ts';
import { RenewalSchema, type Renewal, type RenewalItem } from './schema.ts';
import type { LoadedSession } from '../simulator/scenario.ts';

export interface RenewalOptions {
  zone: string;
  from?: string | undefined;
  to?: string | undefined;
  asOf?: number | undefined;
  holdMinutes?: number | undefined;
  inventory?: Inventory | undefined;
  /** Denied license-minutes a year the recommendation may cause; 0 (none) by default. */
  tolerance?: number | undefined;
  /** Days without a session that make a revocation candidate; 30 by default. */
  idleDays?: number | undefined;
  /** Whether the plan has Floating mode; true by default, as the report's billing assumes (docs/DOMAIN.md §10). */
  floating?: boolean | undefined;
}

/** What an item not in the inventory is taken to be: no licenses, no True-Up, no price. */
const UNKNOWN_ITEM: InventoryItem = { regular: 0, virtual: 0, trueUpLimitPercent: null, kind: 'ide' };

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const money = (cents: number | null) => (cents === null ? null : cents / 100);

function notesOf(item: InventoryItem | undefined): string[] {
  if (!item)
    return [
      'not in the inventory: today’s capacity is unknown, and costs need its annual price (add the item in the Inventory tab)',
    ];
  if (item.annualPrice === undefined)
    return ['no annual price in the inventory: capacities are compared by denials only'];
  return [];
}

function curveRow(p: CurvePoint) {
  return {
    capacity: p.capacity,
    trueUpLimit: p.trueUpLimit,
    annualCost: money(p.costCents),
    trueUpLicenseMonths: round(p.trueUpLicenseMonths),
    deniedMinutes: round(p.deniedMinutes),
  };
}

/**
 * A replay the section needs: one item's sessions at one capacity under its
 * True-Up terms. `key` names it among the replays of the same facts.
 */
export interface ReplayJob {
  key: string;
  license: string;
  item: InventoryItem | undefined;
  capacity: number;
}

export function replayJob(license: string, item: InventoryItem | undefined, capacity: number): ReplayJob {
  const key = JSON.stringify([license, capacity, item?.trueUpLimitPercent ?? null, item?.kind ?? null]);
  return { key, license, item, capacity };
}

/** A replay's outcome when it is known (the CLI runs it on the spot; the page asks its worker). */
export type ReplayLookup = (job: ReplayJob) => ReplayOutcome | undefined;

/** An item of the section whose replays may still be running (`replay` null until both are in). */
export type DraftItem = Omit<RenewalItem, 'replay'> & { replay: RenewalItem['replay'] | null };
export type RenewalDraft = Omit<Renewal, 'items'> & { items: DraftItem[] };

function renewalItem(
  input: { license: string; demand: ItemDemand },
  inventory: Inventory,
  options: RenewalTerms,
  lookup: ReplayLookup,
  pending: ReplayJob[],
): DraftItem {
  const item = inventoryItem(inventory, input.license);
  const current = item ? item.regular + item.virtual : null;
  const terms = { item: item ?? UNKNOWN_ITEM, floating: options.floating, scale: options.scale };
  const curve = costCurve(input.demand, terms, current);
  const peak = peakOf(input.demand);
  const { point, withinTolerance } = recommend(curve, peak, current, options.tolerance);
  const today = curve.find((p) => p.capacity === current) ?? null;
  const replay = (capacity: number) => {
    const job = replayJob(input.license, item, capacity);
    const r = lookup(job);
    if (!r) return void pending.push(job);
    return { deniedRequests: r.deniedRequests, deniedMinutes: round(r.deniedMinutes * options.scale) };
  };
  const recommended = replay(point.capacity);
  const now = current === null ? null : current === point.capacity ? recommended : replay(current);
  const priced = item?.annualPrice !== undefined;
  return {
    license: input.license,
    currentCapacity: current,
    recommendedCapacity: point.capacity,
    annualCostNow: today ? money(today.costCents) : null,
    annualCostRecommended: money(point.costCents),
    currency: priced ? (item.currency ?? 'USD') : null,
    deniedMinutesRecommended: round(point.deniedMinutes),
    deniedMinutesNow: today ? round(today.deniedMinutes) : null,
    peak,
    withinTolerance,
    replay: recommended === undefined || now === undefined ? null : { recommended, now },
    notes: notesOf(item),
    curve: curve.map(curveRow),
  };
}

interface RenewalTerms {
  floating: boolean;
  scale: number;
  tolerance: number;
}

/** Per currency, the items with a price and a known capacity added up. */
function totalsOf(items: readonly DraftItem[]): Renewal['totals'] {
  const out = new Map<string, { now: number; recommended: number }>();
  for (const i of items) {
    if (i.currency === null || i.annualCostNow === null || i.annualCostRecommended === null) continue;
    const t = out.get(i.currency) ?? { now: 0, recommended: 0 };
    t.now += Math.round(i.annualCostNow * 100);
    t.recommended += Math.round(i.annualCostRecommended * 100);
    out.set(i.currency, t);
  }
  return [...out.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, t]) => ({ currency, annualCostNow: t.now / 100, annualCostRecommended: t.recommended / 100 }));
}

/** What the renewal reads from the database: the period's demand per item, its sessions, each user's last use. */
export interface RenewalFacts {
  zone: string;
  period: Period;
  /** Per item its demand (from L(t): the cost curve) and its sessions in the period (for the replays). */
  items: { license: string; demand: ItemDemand; sessions: LoadedSession[] }[];
  uses: ItemUse[];
  /** The replays run so far in this thread, by job key: the CLI derives more than once from the same facts. */
  replays: Map<string, ReplayOutcome>;
}

type FactsOptions = Pick<RenewalOptions, 'zone' | 'from' | 'to' | 'asOf' | 'holdMinutes' | 'inventory'>;

export async function gatherRenewalFacts(db: Database, options: FactsOptions): Promise<RenewalFacts> {
  const names = Object.keys(options.inventory?.items ?? {});
  return renewalFactsFrom(db, await gatherReportFacts(db, { ...options, itemNames: names }));
}

/**
 * The renewal's facts from the report's (gathered with the inventory's item
 * names): the usage sweep behind them is the report's, not run again.
 */
export async function renewalFactsFrom(db: Database, report: ReportFacts): Promise<RenewalFacts> {
  const { period, usage, items } = report;
  const peaks = monthlyPeaks(
    new Map(items.map((l) => [l, (usage.daily.get(l) ?? []).map((d) => ({ date: d.key, peak: d.peak }))])),
  );
  const sessions = await loadedSessions(db);
  const span = { startMs: period.startMs, endMs: period.endMs };
  return {
    zone: report.zone,
    period,
    items: items.map((license) => ({
      license,
      demand: { monthPeaks: peaks.get(license) ?? new Map(), msAtLevel: usage.levels.get(license) ?? new Map() },
      sessions: sessionsOfItem(sessions, license, span),
    })),
    uses: await itemUse(db, period.asOf),
    replays: new Map(),
  };
}

export type DeriveOptions = Pick<RenewalOptions, 'inventory' | 'tolerance' | 'idleDays' | 'floating'>;

/** The replay span of the facts' period. */
export const replaySpan = (facts: RenewalFacts): ReplaySpan => ({
  startMs: facts.period.startMs,
  endMs: facts.period.endMs,
});

/**
 * The section from gathered facts with the replays `lookup` knows: no query,
 * no replay run here. What is left to replay comes back in `pending` (the
 * page's worker runs it); every figure but the items' `replay` is complete.
 */
export function draftRenewal(
  facts: RenewalFacts,
  options: DeriveOptions,
  lookup: ReplayLookup,
): { draft: RenewalDraft; pending: ReplayJob[] } {
  const { period } = facts;
  const inventory = options.inventory ?? EMPTY_INVENTORY;
  const months = periodMonths(period.from, period.to);
  const terms: RenewalTerms = {
    floating: options.floating ?? true,
    scale: months === 0 ? 0 : 12 / months,
    tolerance: options.tolerance ?? 0,
  };
  const pending: ReplayJob[] = [];
  const items = facts.items.map((i) => renewalItem(i, inventory, terms, lookup, pending));
  const idleDays = options.idleDays ?? DEFAULT_IDLE_DAYS;
  const idle = idleCandidates(facts.uses, { asOf: period.asOf, days: idleDays, floating: terms.floating }).map((c) => ({
    ...c,
    lastUse: localIso(facts.zone, c.lastUse),
  }));
  const draft = {
    period: { from: period.from, to: period.to, months: round(months, 4) },
    floating: terms.floating,
    tolerance: terms.tolerance,
    idleDays,
    items,
    totals: totalsOf(items),
    idle,
  };
  return { draft, pending };
}

/** The finished section: every replay in (throws otherwise, as the schema does). */
export const finishedRenewal = (draft: RenewalDraft): Renewal => RenewalSchema.parse(draft);

/** The section from gathered facts, its replays run here, in this thread (the CLI; the page uses draftRenewal). */
export function deriveRenewal(facts: RenewalFacts, options: DeriveOptions): Renewal {
  const span = replaySpan(facts);
  const sessions = new Map(facts.items.map((i) => [i.license, i.sessions]));
  const lookup: ReplayLookup = (job) => {
    let r = facts.replays.get(job.key);
    if (!r) {
      r = replayItem(job.license, sessions.get(job.license) ?? [], job.item, job.capacity, span);
      facts.replays.set(job.key, r);
    }
    return r;
  };
  return finishedRenewal(draftRenewal(facts, options, lookup).draft);
}

export async function renewalSection(db: Database, options: RenewalOptions): Promise<Renewal> {
  return deriveRenewal(await gatherRenewalFacts(db, options), options);
}
