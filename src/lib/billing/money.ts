/**
 * The money of docs/DOMAIN.md §5, as estimates: the Floating surcharge and True-Up
 * cost per item and calendar month, from each month's maximum simultaneous
 * licenses. Amounts are computed in whole cents, so rounding is exact.
 */
import { inventoryItem, type Inventory, type InventoryItem } from '../inventory/schema.ts';
import { trueUpLimit } from './true-up.ts';

/** Cents of `amount` (a price with at most cent precision). */
const cents = (amount: number) => Math.round(amount * 100);

/** round_to_cents(P / 12 × 0.2), in cents: P / 60, half up. */
export function surchargeUnitCents(annualPrice: number): number {
  return Math.round(cents(annualPrice) / 60);
}

/** The price of one True-Up license for one month, in cents: as set, or P / 12 rounded to cents. */
export function trueUpUnitCents(item: InventoryItem): number | null {
  if (item.trueUpMonthlyPrice !== undefined) return cents(item.trueUpMonthlyPrice);
  return item.annualPrice === undefined ? null : Math.round(cents(item.annualPrice) / 12);
}

export interface MonthBill {
  month: string;
  license: string;
  kind: InventoryItem['kind'];
  currency: string;
  /** Maximum simultaneous prepaid licenses: min(max L, capacity). */
  n: number;
  surcharge: number;
  trueUpLicenses: number;
  trueUpCost: number;
}

/**
 * One item's bill for one month from its maximum L. No surcharge for plugins,
 * for a month without use, or for True-Up licenses (N counts prepaid only);
 * True-Up licenses up to the item's limit (true-up.ts).
 * Null when the item has no price: nothing can be estimated.
 */
export function billMonth(month: string, license: string, maxInUse: number, item: InventoryItem): MonthBill | null {
  if (item.annualPrice === undefined) return null;
  const capacity = item.regular + item.virtual;
  const n = Math.min(maxInUse, capacity);
  const surchargeable = item.kind !== 'plugin' && maxInUse > 0;
  const trueUpLicenses = Math.min(trueUpLimit(item) ?? 0, Math.max(0, maxInUse - capacity));
  const unit = trueUpUnitCents(item) ?? 0;
  return {
    month,
    license,
    kind: item.kind,
    currency: item.currency ?? 'USD',
    n,
    surcharge: surchargeable ? (surchargeUnitCents(item.annualPrice) * n) / 100 : 0,
    trueUpLicenses,
    trueUpCost: (unit * trueUpLicenses) / 100,
  };
}

/** Calendar quarter of a YYYY-MM month, e.g. 2026-Q2. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Quarters add up their months; each month was still computed on its own (docs/DOMAIN.md §5). */
export function byQuarter(months: readonly MonthBill[]): MonthBill[] {
  const out = new Map<string, MonthBill>();
  for (const m of months) {
    const key = `${quarterOf(m.month)}\u0000${m.license}`;
    const q = out.get(key);
    if (!q) out.set(key, { ...m, month: quarterOf(m.month) });
    else {
      q.n = Math.max(q.n, m.n);
      q.surcharge = (cents(q.surcharge) + cents(m.surcharge)) / 100;
      q.trueUpLicenses += m.trueUpLicenses;
      q.trueUpCost = (cents(q.trueUpCost) + cents(m.trueUpCost)) / 100;
    }
  }
  return [...out.values()];
}

export function totals(rows: readonly MonthBill[]): { surcharge: number; trueUpCost: number } {
  return {
    surcharge: rows.reduce((s, r) => s + cents(r.surcharge), 0) / 100,
    trueUpCost: rows.reduce((s, r) => s + cents(r.trueUpCost), 0) / 100,
  };
}

export interface TrueForwardHint {
  license: string;
  currency: string;
  /** True-Up licenses used in every one of the last `months` months. */
  licenses: number;
  months: number;
  /** What those licenses cost a year as True-Up, and bought as regular licenses. */
  trueUpPerYear: number;
  regularPerYear: number;
}

/**
 * Where True-Up use is steady (some in each of the last three or more months),
 * what buying that many regular licenses would cost instead (True-Forward).
 */
export function trueForwardHints(
  months: readonly MonthBill[],
  inventory: Inventory,
  minimumMonths = 3,
): TrueForwardHint[] {
  const hints: TrueForwardHint[] = [];
  const licenses = [...new Set(months.map((m) => m.license))];
  for (const license of licenses) {
    const item = inventoryItem(inventory, license);
    const mine = months.filter((m) => m.license === license).sort((a, b) => (a.month < b.month ? -1 : 1));
    const recent = mine.slice(-minimumMonths);
    if (!item || item.annualPrice === undefined || recent.length < minimumMonths) continue;
    const steady = Math.min(...recent.map((m) => m.trueUpLicenses));
    if (steady < 1) continue;
    hints.push({
      license,
      currency: item.currency ?? 'USD',
      licenses: steady,
      months: recent.length,
      trueUpPerYear: ((trueUpUnitCents(item) ?? 0) * steady * 12) / 100,
      regularPerYear: (cents(item.annualPrice) * steady) / 100,
    });
  }
  return hints;
}
