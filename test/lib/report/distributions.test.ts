/**
 * The distributions of docs/DOMAIN.md §3: the share of time at each level of L
 * with the fewest licenses enough for 95 % and 99 % of the time, and the
 * hour × weekday heatmap (time-weighted mean, peak), an hour cut by as-of
 * weighing only its part before as-of.
 */
import { describe, expect, test } from 'vitest';
import { heatmap, utilization } from '../../../src/lib/report/distributions.ts';
import type { BucketUsage } from '../../../src/lib/usage/engine.ts';

const HOUR = 3_600_000;

describe('utilization', () => {
  // 50 h at 0 licenses, 30 h at 1, 15 h at 2, 4 h at 3, 1 h at 4: 100 hours, given out of order.
  const hours = new Map([
    [3, 4 * HOUR],
    [0, 50 * HOUR],
    [4, 1 * HOUR],
    [1, 30 * HOUR],
    [2, 15 * HOUR],
  ]);

  test('each level’s share of the time, by level', () => {
    expect(utilization(hours).levels).toEqual([
      { level: 0, share: 0.5 },
      { level: 1, share: 0.3 },
      { level: 2, share: 0.15 },
      { level: 3, share: 0.04 },
      { level: 4, share: 0.01 },
    ]);
  });

  test('coverage: 2 licenses were enough for exactly 95 % of the time, 3 for 99 %', () => {
    const u = utilization(hours);
    expect(u.coverage95).toBe(2); // 50 + 30 + 15 = 95 hours of 100
    expect(u.coverage99).toBe(3); // 95 + 4 = 99
  });

  test('just short of 95 % needs the next level', () => {
    // 94 h at ≤ 1 license, so 95 % needs 2; 99 % is reached only at 5.
    const u = utilization(
      new Map([
        [1, 94 * HOUR],
        [2, 2 * HOUR],
        [5, 4 * HOUR],
      ]),
    );
    expect([u.coverage95, u.coverage99]).toEqual([2, 5]);
  });

  test('no time at all: no levels, and 0 licenses cover it', () => {
    expect(utilization(new Map())).toEqual({ levels: [], coverage95: 0, coverage99: 0 });
  });
});

describe('heatmap', () => {
  const MONDAY_10 = Date.parse('2026-03-02T10:00:00Z');
  const WEEK = 7 * 24 * HOUR;
  const bucket = (start: number, weekday: number, hour: number, average: number, peak: number): BucketUsage => ({
    key: new Date(start).toISOString(),
    start,
    end: start + HOUR,
    hour,
    weekday,
    peak,
    average,
    distinctUsers: 0,
    sessions: 0,
  });

  test('two Mondays at 10:00: the mean of their averages, the larger peak; cells by weekday then hour', () => {
    const cells = heatmap(
      [
        bucket(MONDAY_10 + 2 * 24 * HOUR, 3, 10, 1, 1), // Wednesday
        bucket(MONDAY_10, 1, 10, 2, 3),
        bucket(MONDAY_10 + WEEK, 1, 10, 4, 5),
        bucket(MONDAY_10 - HOUR, 1, 9, 0.5, 1),
      ],
      MONDAY_10 + 3 * WEEK,
    );
    expect(cells).toEqual([
      { weekday: 1, hour: 9, mean: 0.5, peak: 1 },
      { weekday: 1, hour: 10, mean: 3, peak: 5 },
      { weekday: 3, hour: 10, mean: 1, peak: 1 },
    ]);
  });

  test('an hour cut by as-of weighs only its 15 minutes before as-of', () => {
    const asOf = MONDAY_10 + WEEK + 15 * 60_000;
    const [cell] = heatmap([bucket(MONDAY_10, 1, 10, 2, 2), bucket(MONDAY_10 + WEEK, 1, 10, 4, 4)], asOf);
    // (2 × 60 min + 4 × 15 min) / 75 min = 2.4, not the plain mean 3.
    expect(cell!.mean).toBeCloseTo(2.4, 12);
    expect(cell!.peak).toBe(4);
  });

  test('an hour starting at as-of has no time: its mean is 0, not NaN', () => {
    expect(heatmap([bucket(MONDAY_10, 1, 10, 3, 3)], MONDAY_10)).toEqual([{ weekday: 1, hour: 10, mean: 0, peak: 3 }]);
  });
});
