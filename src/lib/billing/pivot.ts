/**
 * Cost estimates as an item × month table (docs/DOMAIN.md §5): each cell the
 * item's surcharge and True-Up of that month, with totals per item, per month
 * and overall, one table per currency (amounts of two currencies never add up).
 * Sums are taken in whole cents, as `totals` does.
 */
import type { MonthBill } from './money.ts';

export interface CostPivot {
  currency: string;
  /** Months (or quarters) in order. */
  months: string[];
  items: { license: string; cells: number[]; total: number }[];
  monthTotals: number[];
  total: number;
}

const cents = (x: number) => Math.round(x * 100);

export function costPivot(rows: readonly MonthBill[]): CostPivot[] {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return currencies.map((currency) => {
    const mine = rows.filter((r) => r.currency === currency);
    const months = [...new Set(mine.map((r) => r.month))].sort();
    const licenses = [...new Set(mine.map((r) => r.license))].sort();
    const cell = new Map<string, number>();
    for (const r of mine) {
      const key = `${r.license}\u0000${r.month}`;
      cell.set(key, (cell.get(key) ?? 0) + cents(r.surcharge) + cents(r.trueUpCost));
    }
    const items = licenses.map((license) => {
      const c = months.map((m) => cell.get(`${license}\u0000${m}`) ?? 0);
      return { license, cells: c.map((x) => x / 100), total: c.reduce((a, b) => a + b, 0) / 100 };
    });
    const monthTotals = months.map((_, i) => items.reduce((a, it) => a + cents(it.cells[i]!), 0) / 100);
    const total = items.reduce((a, it) => a + cents(it.total), 0) / 100;
    return { currency, months, items, monthTotals, total };
  });
}
