/** The recommendation (docs/DOMAIN.md §10): within tolerance, never above the peak, never dearer than today. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costCurve, peakOf, type ItemDemand } from '../../../src/lib/renewal/cost-curve.ts';
import { recommend } from '../../../src/lib/renewal/recommend.ts';
import type { InventoryItem } from '../../../src/lib/inventory/schema.ts';

const MINUTE = 60_000;

const demandArb = fc
  .record({
    months: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }),
    levels: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 10_000 })), {
      maxLength: 12,
    }),
  })
  .map(({ months, levels }): ItemDemand => {
    const monthPeaks = new Map(months.map((p, i) => [`2026-${String(i + 1).padStart(2, '0')}`, p]));
    const top = Math.max(...months);
    // Levels held for a while never exceed the months' peaks (a month's peak is its highest level).
    const msAtLevel = new Map<number, number>();
    for (const [level, minutes] of levels) msAtLevel.set(Math.min(level, top), minutes * MINUTE);
    return { monthPeaks, msAtLevel };
  });

const itemArb = fc.record({
  regular: fc.constant(0),
  virtual: fc.constant(0),
  trueUpLimitPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  kind: fc.constantFrom('ide', 'pack', 'plugin', 'dotnet-tool'),
  annualPrice: fc.option(
    fc.integer({ min: 0, max: 200_000 }).map((c) => c / 100),
    { nil: undefined },
  ),
}) as fc.Arbitrary<InventoryItem>;

describe('recommend', () => {
  it('never exceeds the peak, never costs more than today, and meets the tolerance unless today is kept', () => {
    fc.assert(
      fc.property(
        demandArb,
        itemArb,
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        fc.integer({ min: 0, max: 5000 }),
        fc.boolean(),
        (demand, item, current, tolerance, floating) => {
          const curve = costCurve(demand, { item, floating, scale: 12 / demand.monthPeaks.size }, current);
          const peak = peakOf(demand);
          const { point, withinTolerance } = recommend(curve, peak, current, tolerance);
          expect(point.capacity).toBeLessThanOrEqual(peak);
          const today = current === null ? null : curve.find((p) => p.capacity === current)!;
          expect(today === null || today !== undefined).toBe(true);
          if (today?.costCents != null && point.costCents !== null)
            expect(point.costCents).toBeLessThanOrEqual(today.costCents);
          if (withinTolerance) {
            expect(point.deniedMinutes).toBeLessThanOrEqual(tolerance);
            // Nothing cheaper meets the tolerance up to the peak.
            for (const p of curve.slice(0, peak + 1))
              if (p.deniedMinutes <= tolerance && p.costCents !== null && point.costCents !== null)
                expect(p.costCents).toBeGreaterThanOrEqual(point.costCents);
          } else expect(point.capacity).toBe(current);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with no tolerance and no price picks the fewest licenses that with their True-Up cover the peak', () => {
    const demand: ItemDemand = { monthPeaks: new Map([['2026-01', 13]]), msAtLevel: new Map([[13, MINUTE]]) };
    const item: InventoryItem = { regular: 0, virtual: 0, trueUpLimitPercent: 30, kind: 'ide' };
    const curve = costCurve(demand, { item, floating: true, scale: 12 });
    // 9 licenses have no True-Up (fewer than 10); 10 have 3: 13.
    expect(recommend(curve, 13, null, 0).point.capacity).toBe(10);
  });

  it('keeps today’s capacity when every capacity within the tolerance would cost more', () => {
    // 60 licenses a year at 100.00 for a peak of 70 held an hour: 70 licenses cost more than 60, and 60 deny.
    const demand: ItemDemand = { monthPeaks: new Map([['2026-01', 70]]), msAtLevel: new Map([[70, 60 * MINUTE]]) };
    const item: InventoryItem = { regular: 60, virtual: 0, trueUpLimitPercent: null, kind: 'ide', annualPrice: 100 };
    const curve = costCurve(demand, { item, floating: false, scale: 12 }, 60);
    expect(curve.map((p) => p.capacity)).toEqual([...Array(72).keys()]);
    expect(recommend(curve, 70, 60, 0)).toMatchObject({ point: { capacity: 60 }, withinTolerance: false });
    // Allowing 10 licenses for an hour a year (600 license-minutes × 12 months scaled) meets it at 60.
    expect(recommend(curve, 70, 60, 7200)).toMatchObject({ point: { capacity: 60 }, withinTolerance: true });
  });
});
