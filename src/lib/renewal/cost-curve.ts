/**
 * The cost of a year at each capacity (docs/DOMAIN.md §10): what the period's
 * demand would have cost with `c` prepaid licenses, and how much of it `c`
 * licenses plus their True-Up limit could not have served.
 *
 *   cost(c) = c × P + scale × Σ_months [ trueUp_m(c) × T + surcharge_m(c) ]
 *   trueUp_m(c) = min(limit(c), max(0, maxL_m − c)),  limit(c) = true-up.ts's rule at capacity c
 *   surcharge_m(c) = round_to_cents(P / 12 × 0.2) × min(maxL_m, c)   (Floating plans, billing/money.ts)
 *   denied(c) = scale × ∫ max(0, L(t) − c − limit(c)) dt
 *
 * The month's figures come from billing/money.ts's `billMonth`, the same
 * function the report's billing section uses, with the item's capacity set to c.
 */
import { billMonth } from '../billing/money.ts';
import { trueUpLimit } from '../billing/true-up.ts';
import type { InventoryItem } from '../inventory/schema.ts';

/** What the period showed of one item's demand. */
export interface ItemDemand {
  /** Max L per calendar month (YYYY-MM) of the period. */
  monthPeaks: ReadonlyMap<string, number>;
  /** Milliseconds the period spent at each level of L. */
  msAtLevel: ReadonlyMap<number, number>;
}

export interface CurvePoint {
  capacity: number;
  /** True-Up licenses the plan allows on top of `capacity` (0 when none). */
  trueUpLimit: number;
  /** A year's cost in cents: prepaid, True-Up and surcharge; null when the item has no price. */
  costCents: number | null;
  /** True-Up license-months a year (scaled). */
  trueUpLicenseMonths: number;
  /** License-minutes a year above capacity + limit (scaled), exact from L(t). */
  deniedMinutes: number;
}

export interface CurveTerms {
  /** The item as the inventory has it (kind, True-Up %, prices); its counts are replaced by each capacity. */
  item: InventoryItem;
  /** Whether the plan has Floating mode, and so the surcharge (docs/DOMAIN.md §10). */
  floating: boolean;
  /** Period → year (scale.ts). */
  scale: number;
}

const cents = (amount: number) => Math.round(amount * 100);

/** The highest level of L the period reached (monthly peaks and levels held for a while alike). */
export function peakOf(demand: ItemDemand): number {
  let peak = 0;
  for (const p of demand.monthPeaks.values()) peak = Math.max(peak, p);
  for (const [level, ms] of demand.msAtLevel) if (ms > 0) peak = Math.max(peak, level);
  return peak;
}

/** The item at capacity c: all of it prepaid (regular), the rest as the inventory says. */
export function atCapacity(item: InventoryItem, capacity: number): InventoryItem {
  return { ...item, regular: capacity, virtual: 0 };
}

/** License-minutes over `ceiling` in the period: Σ_level max(0, level − ceiling) × time at level. */
export function minutesAbove(msAtLevel: ReadonlyMap<number, number>, ceiling: number): number {
  let ms = 0;
  for (const [level, t] of msAtLevel) if (level > ceiling) ms += (level - ceiling) * t;
  return ms / 60_000;
}

/** One point of the curve. */
export function costAt(capacity: number, demand: ItemDemand, terms: CurveTerms): CurvePoint {
  const item = atCapacity(terms.item, capacity);
  const limit = trueUpLimit(item) ?? 0;
  let trueUpLicenses = 0;
  let monthlyCents = 0;
  for (const [month, peak] of demand.monthPeaks) {
    const bill = billMonth(month, '', peak, item);
    trueUpLicenses += Math.min(limit, Math.max(0, peak - capacity));
    if (!bill) continue;
    monthlyCents += cents(bill.trueUpCost) + (terms.floating ? cents(bill.surcharge) : 0);
  }
  const costCents =
    terms.item.annualPrice === undefined
      ? null
      : capacity * cents(terms.item.annualPrice) + Math.round(monthlyCents * terms.scale);
  return {
    capacity,
    trueUpLimit: limit,
    costCents,
    trueUpLicenseMonths: trueUpLicenses * terms.scale,
    deniedMinutes: minutesAbove(demand.msAtLevel, capacity + limit) * terms.scale,
  };
}

/**
 * The curve from 0 to one past the period's peak, and today's capacity when it
 * lies beyond (past the peak the cost only grows by P a license, so the points
 * between say nothing new, and an inventory of thousands stays a short curve).
 */
export function costCurve(demand: ItemDemand, terms: CurveTerms, today: number | null = null): CurvePoint[] {
  const top = peakOf(demand) + 1;
  const curve = Array.from({ length: top + 1 }, (_, c) => costAt(c, demand, terms));
  if (today !== null && today > top) curve.push(costAt(today, demand, terms));
  return curve;
}
