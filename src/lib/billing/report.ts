/**
 * The billing section of the report (docs/DOMAIN.md §7) from the daily peaks: a
 * month's maximum L is the largest daily peak of its days (days partition
 * months in one zone), so no query is needed.
 */
import { inventoryItem, type Inventory } from '../inventory/schema.ts';
import { billMonth, totals, type MonthBill } from './money.ts';

export type BillingSchedule = 'monthly' | 'quarterly';

export interface BillingSection {
  schedule: BillingSchedule;
  months: MonthBill[];
  total: { surcharge: number; trueUpCost: number };
}

/** Max L per license and calendar month, from daily rows (date YYYY-MM-DD, peak). */
export function monthlyPeaks(
  daily: ReadonlyMap<string, readonly { date: string; peak: number }[]>,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [license, days] of daily) {
    const months = new Map<string, number>();
    for (const d of days) {
      const m = d.date.slice(0, 7);
      months.set(m, Math.max(months.get(m) ?? 0, d.peak));
    }
    out.set(license, months);
  }
  return out;
}

/** The billing section, or undefined when no inventory item has a price. */
export function billingSection(
  peaks: ReadonlyMap<string, ReadonlyMap<string, number>>,
  inventory: Inventory,
  schedule: BillingSchedule,
): BillingSection | undefined {
  if (!Object.values(inventory.items).some((i) => i.annualPrice !== undefined)) return undefined;
  const months: MonthBill[] = [];
  for (const [license, byMonth] of [...peaks.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const item = inventoryItem(inventory, license);
    if (!item) continue;
    for (const [month, max] of [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const bill = billMonth(month, license, max, item);
      if (bill) months.push(bill);
    }
  }
  months.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.license < b.license ? -1 : 1));
  return { schedule, months, total: totals(months) };
}
