/**
 * The cards' sparklines and the small multiples come from the report's daily
 * figures: one value per day, the days a card counts marked, a text
 * alternative with the span and range, bars that stay inside their box.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cardSparklines, describeSeries, sparkGeometry, type SparkDay } from '../../../src/lib/dashboard/sparkline.ts';
import { computeCards } from '../../../src/lib/report/cards.ts';

const days: SparkDay[] = [
  { date: '2025-11-01', peak: 3, average: 1.25 },
  { date: '2025-11-02', peak: 8, average: 4 },
  { date: '2025-11-03', peak: 10, average: 6.5 },
  { date: '2025-11-04', peak: 10, average: 2 },
];

describe('cardSparklines', () => {
  test('the day counts mark the days the cards count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 90 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 100 }),
        (peaks, capacity, threshold) => {
          const series = peaks.map((peak, i) => ({ date: `2025-01-${i}`, peak, average: peak / 2 }));
          const cards = computeCards(
            peaks,
            { value: Math.max(...peaks), at: '', minutesAtPeak: 0 },
            capacity,
            threshold,
          );
          const s = cardSparklines(series, capacity, threshold);
          expect(s.daysOverThreshold.marked.filter(Boolean).length).toBe(cards.daysOverThreshold);
          expect(s.daysAtCapacity.marked.filter(Boolean).length).toBe(cards.daysAtCapacity);
          expect(s.daysAtCapacity.reference).toBe(capacity);
          expect(s.peakUsage.values).toEqual(peaks);
        },
      ),
    );
  });

  test('the peak card marks the days of the peak; "In use now" draws the daily average in use', () => {
    const s = cardSparklines(days, 10, 80);
    expect(s.peakUsage.marked).toEqual([false, false, true, true]);
    expect(s.inUseNow.values).toEqual([1.25, 4, 6.5, 2]);
    expect(s.averageDailyUsage.label).toBe('daily peak from 2025-11-01 to 2025-11-04, min 3, max 10');
    expect(s.daysOverThreshold.label).toMatch(/; 3 days at or over 80 % of capacity \(8\)$/);
    expect(s.inUseNow.label).toBe('daily time-weighted average in use from 2025-11-01 to 2025-11-04, min 1.3, max 6.5');
  });

  test('without a capacity the day counts mark nothing and say so', () => {
    const s = cardSparklines(days, null, 80);
    expect(s.daysAtCapacity.marked.some(Boolean)).toBe(false);
    expect(s.daysAtCapacity.reference).toBeNull();
    expect(s.daysAtCapacity.label).toMatch(/; no capacity$/);
  });
});

test('describeSeries: one day, and none', () => {
  expect(describeSeries('daily peak', ['2025-11-01'], [4])).toBe('daily peak on 2025-11-01, min 4, max 4');
  expect(describeSeries('daily peak', [], [])).toBe('daily peak: no days in the period');
});

test('sparkGeometry: one bar a day inside the box, the highest or the reference at the top', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 400 }),
      fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      (values, reference) => {
        const g = sparkGeometry(values, reference, 80, 24);
        expect(g.bars).toHaveLength(values.length);
        for (const b of g.bars) {
          expect(b.y).toBeGreaterThanOrEqual(-1e-9);
          expect(b.y + b.height).toBeCloseTo(24, 9);
          expect(b.x + b.width).toBeLessThanOrEqual(80 + 1e-9);
        }
        const top = Math.min(...g.bars.map((b) => b.y), g.referenceY ?? 24);
        expect(top).toBeCloseTo(Math.max(...values, reference ?? 0) === 0 ? 24 : 0, 9);
      },
    ),
  );
});
