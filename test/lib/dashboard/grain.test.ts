/**
 * A long period's days in weeks (past 120 days) or months (past 730): a
 * group's peak is its highest day, its average the mean of its days, its users
 * the most of any day; weeks start on Monday; every day lands in one group.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { grainFor, groupDays, weekStart, type DayFigures } from '../../../src/lib/dashboard/grain.ts';

/** `n` consecutive days from `from`, with figures from `f`. */
function daysFrom(from: string, n: number, f: (i: number) => Omit<DayFigures, 'date'>): DayFigures[] {
  const t = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(t + i * 86_400_000).toISOString().slice(0, 10),
    ...f(i),
  }));
}

describe('grainFor', () => {
  test('days up to 120, weeks up to 730, months beyond', () => {
    expect([grainFor(1), grainFor(120), grainFor(121), grainFor(730), grainFor(731)]).toEqual([
      'day',
      'day',
      'week',
      'week',
      'month',
    ]);
  });
});

describe('weekStart', () => {
  test('the Monday on or before the date, across a month and a year end', () => {
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // the Sunday after it
    expect(weekStart('2027-01-01')).toBe('2026-12-28'); // a Friday
  });
});

describe('groupDays', () => {
  test('a week: highest peak, mean of averages, most users of a day, days at capacity counted', () => {
    // 2026-11-30 is a Monday: seven days, peaks 0…6, averages 0, 0.5, …, 3.
    const days = daysFrom('2026-11-30', 7, (i) => ({ peak: i, average: i / 2, distinctUsers: 10 - i }));
    const [week, ...rest] = groupDays(days, 'week', 5);
    expect(rest).toEqual([]);
    expect(week).toMatchObject({ key: '2026-11-30', date: '2026-11-30', peak: 6, average: 1.5, distinctUsers: 10 });
    expect(week!.daysAtCapacity).toBe(2); // peaks 5 and 6
    expect(week!.days).toEqual(days);
  });

  test('a year of days makes 53 weeks or 12 months, each day in exactly one, in order', () => {
    const year = daysFrom('2025-11-01', 365, (i) => ({ peak: i % 13, average: (i % 13) / 2, distinctUsers: i % 7 }));
    const weeks = groupDays(year, 'week', 10);
    expect(weeks.length).toBeGreaterThanOrEqual(52);
    expect(weeks.length).toBeLessThanOrEqual(54);
    expect(weeks.flatMap((w) => w.days)).toEqual(year);
    const months = groupDays(year, 'month', null);
    expect(months.map((m) => m.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(months.every((m) => m.daysAtCapacity === 0)).toBe(true);
  });

  test('any days: the groups keep every day, and no group peaks below one of its days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 20 }), (n, seed) => {
        const days = daysFrom('2026-01-01', n, (i) => ({
          peak: (i * 7 + seed) % 11,
          average: ((i * 3 + seed) % 11) / 3,
          distinctUsers: (i + seed) % 5,
        }));
        for (const grain of ['day', 'week', 'month'] as const) {
          const groups = groupDays(days, grain, 8);
          expect(groups.flatMap((g) => g.days)).toEqual(days);
          for (const g of groups) for (const d of g.days) expect(g.peak).toBeGreaterThanOrEqual(d.peak);
          expect(groups.reduce((a, g) => a + g.daysAtCapacity, 0)).toBe(days.filter((d) => d.peak >= 8).length);
        }
      }),
    );
  });
});
