/** Cost estimates as item × month: every cell, row, column and the grand total add up in cents, per currency. */
import { expect, test } from 'vitest';
import { totals, type MonthBill } from '../../../src/lib/billing/money.ts';
import { costPivot } from '../../../src/lib/billing/pivot.ts';

const bill = (month: string, license: string, surcharge: number, trueUpCost: number, currency = 'USD'): MonthBill => ({
  month,
  license,
  kind: 'ide',
  currency,
  n: 1,
  surcharge,
  trueUpLicenses: trueUpCost > 0 ? 1 : 0,
  trueUpCost,
});

test('cells are surcharge plus True-Up; totals by item, by month and overall equal the sums of the rows', () => {
  const rows = [
    bill('2026-09', 'GoLand', 12.99, 0),
    bill('2026-10', 'GoLand', 12.99, 24.92),
    bill('2026-09', 'PyCharm', 0.1, 0),
    bill('2026-10', 'PyCharm', 0.2, 0),
  ];
  const [usd, ...rest] = costPivot(rows);
  expect(rest).toEqual([]);
  expect(usd!.months).toEqual(['2026-09', '2026-10']);
  expect(usd!.items).toEqual([
    { license: 'GoLand', cells: [12.99, 37.91], total: 50.9 },
    { license: 'PyCharm', cells: [0.1, 0.2], total: 0.3 },
  ]);
  expect(usd!.monthTotals).toEqual([13.09, 38.11]);
  const t = totals(rows);
  expect(usd!.total).toBe(Math.round((t.surcharge + t.trueUpCost) * 100) / 100);
});

test('two currencies make two tables; an item without a month shows 0 there', () => {
  const pivots = costPivot([bill('2026-09', 'GoLand', 10, 0, 'EUR'), bill('2026-10', 'ReSharper', 5, 0, 'USD')]);
  expect(pivots.map((p) => p.currency)).toEqual(['EUR', 'USD']);
  const usd = costPivot([bill('2026-09', 'GoLand', 10, 0), bill('2026-10', 'ReSharper', 5, 0)])[0]!;
  expect(usd.items.map((i) => i.cells)).toEqual([
    [10, 0],
    [0, 5],
  ]);
  expect(usd.total).toBe(15);
});
