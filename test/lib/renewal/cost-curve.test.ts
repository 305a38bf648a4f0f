/** The cost curve of docs/DOMAIN.md §10 on cases counted by hand. */
import { describe, expect, it } from 'vitest';
import { costAt, costCurve, minutesAbove, peakOf, type ItemDemand } from '../../../src/lib/renewal/cost-curve.ts';
import { periodMonths, yearScale } from '../../../src/lib/renewal/scale.ts';
import type { InventoryItem } from '../../../src/lib/inventory/schema.ts';

const MINUTE = 60_000;

function item(over: Partial<InventoryItem>): InventoryItem {
  return { regular: 0, virtual: 0, trueUpLimitPercent: null, kind: 'ide', ...over };
}

describe('the Floating surcharge in the cost of a year', () => {
  // One month at 100 licenses: the vendor's example, P = 599, N = 100 → 9.98 × 100 = 998.00 a month.
  const demand: ItemDemand = { monthPeaks: new Map([['2026-03', 100]]), msAtLevel: new Map([[100, 60 * MINUTE]]) };
  const ide = item({ annualPrice: 599 });

  it('adds 998.00 for the month to 100 prepaid licenses at 599.00', () => {
    const p = costAt(100, demand, { item: ide, floating: true, scale: 1 });
    expect(p.costCents).toBe(100 * 59_900 + 99_800);
    expect(p.deniedMinutes).toBe(0);
  });

  it('scales the month to a year: twelve surcharges, the prepaid licenses once', () => {
    const p = costAt(100, demand, { item: ide, floating: true, scale: 12 });
    expect(p.costCents).toBe(100 * 59_900 + 12 * 99_800);
  });

  it('counts only prepaid licenses in N: 80 licenses pay 80 × 9.98 and leave 20 licenses for an hour denied', () => {
    const p = costAt(80, demand, { item: ide, floating: true, scale: 1 });
    expect(p.costCents).toBe(80 * 59_900 + 80 * 998);
    expect(p.deniedMinutes).toBe(20 * 60);
  });

  it('charges no surcharge without Floating mode, nor for a plugin', () => {
    expect(costAt(100, demand, { item: ide, floating: false, scale: 1 }).costCents).toBe(100 * 59_900);
    const plugin = item({ annualPrice: 599, kind: 'plugin' });
    expect(costAt(100, demand, { item: plugin, floating: true, scale: 1 }).costCents).toBe(100 * 59_900);
  });
});

describe('True-Up within its limit', () => {
  // One month peaking at 14 for an hour, at 0 otherwise; P = 120.00 (10.00 a license-month), limit 30 %.
  const demand: ItemDemand = {
    monthPeaks: new Map([['2026-03', 14]]),
    msAtLevel: new Map([
      [14, 60 * MINUTE],
      [0, 1000 * MINUTE],
    ]),
  };
  const terms = { item: item({ annualPrice: 120, trueUpLimitPercent: 30 }), floating: false, scale: 1 };

  it('has no True-Up below 10 licenses: 9 licenses leave 5 denied for the hour', () => {
    const p = costAt(9, demand, terms);
    expect(p).toMatchObject({ trueUpLimit: 0, costCents: 9 * 12_000, trueUpLicenseMonths: 0, deniedMinutes: 5 * 60 });
  });

  it('at 10 licenses allows floor(10 × 30 / 100) = 3: 3 True-Up license-months paid, 1 license denied for the hour', () => {
    const p = costAt(10, demand, terms);
    expect(p).toMatchObject({ trueUpLimit: 3, costCents: 10 * 12_000 + 3 * 1000, trueUpLicenseMonths: 3 });
    expect(p.deniedMinutes).toBe(60);
  });

  it('at 11 licenses floor(3.3) = 3 covers the rest: nothing denied', () => {
    expect(costAt(11, demand, terms)).toMatchObject({ trueUpLimit: 3, costCents: 11 * 12_000 + 3 * 1000 });
    expect(costAt(11, demand, terms).deniedMinutes).toBe(0);
  });

  it('prices True-Up by trueUpMonthlyPrice when the inventory sets it', () => {
    const edited = { ...terms, item: { ...terms.item, trueUpMonthlyPrice: 25 } };
    expect(costAt(12, demand, edited).costCents).toBe(12 * 12_000 + 2 * 2500);
  });

  it('runs from 0 to one past the peak, and adds today’s capacity when that is higher', () => {
    expect(costCurve(demand, terms).map((p) => p.capacity)).toEqual([...Array(16).keys()]);
    expect(costCurve(demand, terms, 12).map((p) => p.capacity)).toEqual([...Array(16).keys()]);
    expect(costCurve(demand, terms, 20).map((p) => p.capacity)).toEqual([...Array(16).keys(), 20]);
    expect(costCurve(demand, terms, 20).at(-1)!.costCents).toBe(20 * 12_000);
    expect(peakOf(demand)).toBe(14);
  });

  it('gives no cost without a price, and still the denials', () => {
    const p = costAt(9, demand, { ...terms, item: item({ trueUpLimitPercent: 30 }) });
    expect(p.costCents).toBeNull();
    expect(p.deniedMinutes).toBe(300);
  });
});

describe('denied license-minutes and the year', () => {
  it('adds each level’s excess over the ceiling times its duration', () => {
    const levels = new Map([
      [3, 10 * MINUTE],
      [5, 2 * MINUTE],
      [1, 100 * MINUTE],
    ]);
    expect(minutesAbove(levels, 2)).toBe(1 * 10 + 3 * 2);
    expect(minutesAbove(levels, 5)).toBe(0);
  });

  it('counts whole months as months and a partial month by its share of days', () => {
    expect(periodMonths('2026-09-01', '2026-10-31')).toBe(2);
    expect(periodMonths('2025-11-01', '2026-10-31')).toBe(12);
    expect(periodMonths('2026-02-01', '2026-02-14')).toBe(0.5);
    expect(periodMonths('2026-09-16', '2026-10-31')).toBe(0.5 + 1);
    expect(yearScale('2026-09-01', '2026-10-31')).toBe(6);
  });
});
