/** docs/DOMAIN.md §5: the documented example, rounding, caps and exclusions, quarters. */
import { describe, expect, test } from 'vitest';
import { billingSection } from '../../../src/lib/billing/report.ts';
import { billMonth, byQuarter, surchargeUnitCents, totals, trueForwardHints } from '../../../src/lib/billing/money.ts';
import { parseInventory, type Inventory, type InventoryItem } from '../../../src/lib/inventory/schema.ts';

function item(fields: Record<string, unknown>): InventoryItem {
  const r = parseInventory(JSON.stringify({ version: 1, items: { X: fields } }));
  if (!r.ok) throw new Error(r.message);
  return r.inventory.items.X!;
}

describe('Floating surcharge', () => {
  test('the documented example: P = 599, N = 100 gives 9.98 × 100 = 998.00', () => {
    expect(surchargeUnitCents(599)).toBe(998);
    expect(
      billMonth('2026-04', 'IntelliJ IDEA Ultimate', 100, item({ regular: 100, annualPrice: 599 }))!.surcharge,
    ).toBe(998);
  });

  test.each([
    [0.3, 1], // 0.5 cent rounds half up
    [0.29, 0], // 0.4833 cent
    [0.9, 2], // 1.5 cents → 2
    [779, 1298], // 12.9833 → 12.98
    [249, 415], // 4.15 exactly
    [1199.7, 2000], // 19.995 → 20.00
  ])('round_to_cents(%s / 12 × 0.2) = %s cents', (price, unit) => {
    expect(surchargeUnitCents(price)).toBe(unit);
  });

  test('N is the month’s maximum, capped at capacity: True-Up licenses are not surcharged', () => {
    const b = billMonth('2026-04', 'X', 13, item({ regular: 10, trueUpLimitPercent: 30, annualPrice: 599 }))!;
    expect(b.n).toBe(10);
    expect(b.surcharge).toBe(99.8);
    expect(b.trueUpLicenses).toBe(3);
  });

  test('no surcharge for plugins, nor for a month without use', () => {
    expect(billMonth('2026-04', 'X', 5, item({ regular: 10, annualPrice: 100, kind: 'plugin' }))!.surcharge).toBe(0);
    expect(billMonth('2026-04', 'X', 0, item({ regular: 10, annualPrice: 599 }))).toMatchObject({ n: 0, surcharge: 0 });
  });

  test('without a price there is nothing to estimate', () => {
    expect(billMonth('2026-04', 'X', 5, item({ regular: 10 }))).toBeNull();
  });
});

describe('True-Up', () => {
  // The limit itself is true-up.ts's rule (test/lib/billing/true-up.test.ts); here, that the bill keeps to it.
  test('billed up to the item’s limit, none below 10 licenses nor for a plugin', () => {
    expect(billMonth('m', 'X', 20, item({ regular: 10, trueUpLimitPercent: 30, annualPrice: 600 }))).toMatchObject({
      trueUpLicenses: 3,
      trueUpCost: 150,
    });
    expect(billMonth('m', 'X', 12, item({ regular: 9, trueUpLimitPercent: 30, annualPrice: 600 }))).toMatchObject({
      n: 9,
      trueUpLicenses: 0,
      trueUpCost: 0,
    });
    expect(
      billMonth('m', 'X', 20, item({ regular: 10, trueUpLimitPercent: 30, annualPrice: 600, kind: 'plugin' })),
    ).toMatchObject({ n: 10, trueUpLicenses: 0, trueUpCost: 0 });
    expect(billMonth('m', 'X', 20, item({ regular: 64, annualPrice: 600 }))).toMatchObject({ trueUpLicenses: 0 });
  });

  test('priced per license-month: P / 12 by default, or as set', () => {
    expect(billMonth('m', 'X', 12, item({ regular: 10, trueUpLimitPercent: 30, annualPrice: 779 }))!.trueUpCost).toBe(
      129.84,
    ); // 64.92 × 2
    expect(
      billMonth('m', 'X', 12, item({ regular: 10, trueUpLimitPercent: 30, annualPrice: 779, trueUpMonthlyPrice: 70 }))!
        .trueUpCost,
    ).toBe(140);
  });
});

describe('billing periods', () => {
  const inv: Inventory = (() => {
    const r = parseInventory(
      JSON.stringify({
        version: 1,
        items: {
          A: { regular: 10, trueUpLimitPercent: 30, annualPrice: 599, currency: 'EUR' },
          B: { regular: 5, annualPrice: 100 },
        },
      }),
    );
    if (!r.ok) throw new Error(r.message);
    return r.inventory;
  })();
  const peaks = new Map([
    [
      'A',
      new Map([
        ['2026-01', 12],
        ['2026-02', 8],
        ['2026-03', 11],
        ['2026-04', 12],
      ]),
    ],
    [
      'B',
      new Map([
        ['2026-01', 5],
        ['2026-02', 0],
        ['2026-03', 2],
        ['2026-04', 1],
      ]),
    ],
  ]);

  test('a quarter equals the sum of its months, each month computed on its own', () => {
    const section = billingSection(peaks, inv, 'quarterly')!;
    const q1 = byQuarter(section.months).filter((q) => q.month === '2026-Q1');
    const months = section.months.filter((m) => m.month <= '2026-03');
    expect(totals(q1)).toEqual(totals(months));
    expect(q1.find((q) => q.license === 'A')).toMatchObject({
      surcharge: (998 * 10 + 998 * 8 + 998 * 10) / 100,
      trueUpLicenses: 2 + 0 + 1,
    });
    expect(section.schedule).toBe('quarterly');
  });

  test('months and totals, currency kept per item', () => {
    const section = billingSection(peaks, inv, 'monthly')!;
    expect(section.months.map((m) => [m.month, m.license, m.n, m.currency])).toEqual([
      ['2026-01', 'A', 10, 'EUR'],
      ['2026-01', 'B', 5, 'USD'],
      ['2026-02', 'A', 8, 'EUR'],
      ['2026-02', 'B', 0, 'USD'],
      ['2026-03', 'A', 10, 'EUR'],
      ['2026-03', 'B', 2, 'USD'],
      ['2026-04', 'A', 10, 'EUR'],
      ['2026-04', 'B', 1, 'USD'],
    ]);
    // A: N = 10, 8, 10, 10 at 9.98; B (P = 100 → 1.67): N = 5, 0, 2, 1.
    expect(section.total.surcharge).toBe((998 * 38 + 167 * 8) / 100);
  });

  test('no prices, no billing section', () => {
    const r = parseInventory('{"version":1,"items":{"A":{"regular":10}}}');
    if (!r.ok) throw new Error(r.message);
    expect(billingSection(peaks, r.inventory, 'monthly')).toBeUndefined();
  });

  test('a True-Forward hint where True-Up use is steady', () => {
    const section = billingSection(peaks, inv, 'monthly')!;
    expect(trueForwardHints(section.months, inv)).toEqual([]); // February used none
    const steady = billingSection(
      new Map([
        [
          'A',
          new Map([
            ['2026-02', 12],
            ['2026-03', 13],
            ['2026-04', 12],
          ]),
        ],
      ]),
      inv,
      'monthly',
    )!;
    expect(trueForwardHints(steady.months, inv)).toEqual([
      { license: 'A', currency: 'EUR', licenses: 2, months: 3, trueUpPerYear: 49.92 * 2 * 12, regularPerYear: 599 * 2 },
    ]);
  });
});
