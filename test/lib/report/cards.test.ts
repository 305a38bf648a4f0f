/**
 * The statistics cards and their warning states of docs/DOMAIN.md §3, at the
 * edges of each rule: Peak major at >= capacity and minor at >= threshold;
 * Average major at >= threshold and minor within 10 points below; Days over
 * threshold major above 20 % of the days and minor from one; Non-applicable
 * (never 0) without a capacity.
 */
import { describe, expect, test } from 'vitest';
import {
  cardAlerts,
  cardWarnings,
  computeCards,
  cutOffs,
  denialWarnings,
  type Cards,
} from '../../../src/lib/report/cards.ts';

const PEAK_AT = '2026-03-02T10:00+01:00';
const peakOf = (value: number) => ({ value, at: PEAK_AT, minutesAtPeak: 0 });

/** Cards as the warnings read them: only the figures a rule looks at matter. */
function cardsWith(figures: { peak?: number; average?: number; daysOver?: number | null }): Cards {
  return {
    averageDailyUsage: figures.average ?? 0,
    peakUsage: peakOf(figures.peak ?? 0),
    daysOverThreshold: figures.daysOver === undefined ? 0 : figures.daysOver,
    daysAtCapacity: 0,
  };
}

describe('computeCards', () => {
  test('days over threshold count a peak equal to the limit; days at capacity a peak equal to capacity', () => {
    // Capacity 10, threshold 80 %: the limit is 8 licenses.
    const cards = computeCards([0, 7, 8, 9, 10, 12], peakOf(12), 10, 80);
    expect(cards.daysOverThreshold).toBe(4); // 8, 9, 10, 12
    expect(cards.daysAtCapacity).toBe(2); // 10, 12
  });

  test('the average is the mean of every daily peak, days without use counting 0', () => {
    // (0 + 7 + 8 + 9 + 10 + 12) / 6 = 46 / 6 = 7.666…, kept to 4 decimals.
    expect(computeCards([0, 7, 8, 9, 10, 12], peakOf(12), 10, 80).averageDailyUsage).toBe(7.6667);
    expect(computeCards([0, 0, 0, 3], peakOf(3), null, 80).averageDailyUsage).toBe(0.75);
    expect(computeCards([], peakOf(0), 10, 80).averageDailyUsage).toBe(0);
  });

  test('a limit between whole licenses: 80 % of 3 is 2.4, so 2 is under it and 3 over', () => {
    expect(computeCards([2, 2, 3], peakOf(3), 3, 80).daysOverThreshold).toBe(1);
  });

  test('the peak card is the period peak with its instant and minutes at peak (to the millisecond)', () => {
    const cards = computeCards([1, 4], { value: 4, at: PEAK_AT, minutesAtPeak: 12.34567 }, 5, 80);
    expect(cards.peakUsage).toEqual({ value: 4, at: PEAK_AT, minutesAtPeak: 12.346 });
  });

  test('without a capacity, or with a capacity of 0, the threshold cards are null ("Non-applicable"), never 0', () => {
    for (const capacity of [null, 0]) {
      const cards = computeCards([3, 5], peakOf(5), capacity, 80);
      expect(cards.daysOverThreshold).toBeNull();
      expect(cards.daysAtCapacity).toBeNull();
      expect(cards.averageDailyUsage).toBe(4);
    }
  });
});

describe('cardWarnings (capacity 10, threshold 80 %)', () => {
  const warn = (figures: Parameters<typeof cardsWith>[0], periodDays = 10) =>
    cardWarnings(cardsWith(figures), 10, 80, periodDays);

  test.each([
    [12, 'major'],
    [10, 'major'], // at capacity
    [9, 'minor'],
    [8, 'minor'], // at the threshold: 80 % of 10
    [7, 'none'],
    [0, 'none'],
  ] as const)('Peak %i → %s', (peak, expected) => {
    expect(warn({ peak }).peakUsage).toBe(expected);
  });

  test.each([
    [9, 'major'],
    [8, 'major'], // 80 %: at the threshold
    [7.9, 'minor'],
    [7, 'minor'], // 70 %: exactly 10 points below
    [6.9, 'none'],
    [0, 'none'],
  ] as const)('Average %f → %s', (average, expected) => {
    expect(warn({ average }).averageDailyUsage).toBe(expected);
  });

  test.each([
    [10, 3, 'major'], // 30 % of the days
    [10, 2, 'minor'], // 20 %: not above
    [10, 1, 'minor'],
    [10, 0, 'none'],
    [30, 7, 'major'], // 23 %
    [30, 6, 'minor'], // 20 %
    [1, 1, 'major'],
  ] as const)('Days over threshold: %i days, %i over → %s', (periodDays, daysOver, expected) => {
    expect(warn({ daysOver }, periodDays).daysOverThreshold).toBe(expected);
  });

  test('the threshold moves the Peak and Average rules: at 50 %, 5 of 10 is minor and 4 is none', () => {
    const at50 = (peak: number, average: number) => cardWarnings(cardsWith({ peak, average }), 10, 50, 10);
    expect(at50(5, 5)).toMatchObject({ peakUsage: 'minor', averageDailyUsage: 'major' });
    expect(at50(4, 4)).toMatchObject({ peakUsage: 'none', averageDailyUsage: 'minor' });
    expect(at50(4, 3.9)).toMatchObject({ averageDailyUsage: 'none' });
  });

  test('without a capacity (or with 0) every warning is Non-applicable, even at a high peak', () => {
    const all = {
      averageDailyUsage: 'not-applicable',
      peakUsage: 'not-applicable',
      daysOverThreshold: 'not-applicable',
    };
    expect(cardWarnings(cardsWith({ peak: 50, average: 40, daysOver: null }), null, 80, 10)).toEqual(all);
    expect(cardWarnings(cardsWith({ peak: 50, average: 40, daysOver: null }), 0, 80, 10)).toEqual(all);
  });
});

describe('denialWarnings', () => {
  test('denied users: major from 10 % of the active users, minor from one', () => {
    expect(denialWarnings(5, 50, 0, 10).deniedUsers).toBe('major');
    expect(denialWarnings(4, 50, 0, 10).deniedUsers).toBe('minor');
    expect(denialWarnings(1, 50, 0, 10).deniedUsers).toBe('minor');
    expect(denialWarnings(0, 50, 0, 10).deniedUsers).toBe('none');
    expect(denialWarnings(0, 0, 0, 10).deniedUsers).toBe('none');
  });

  test('days with denials follow the days-over-threshold rule', () => {
    expect(denialWarnings(1, 50, 3, 10).daysWithDenials).toBe('major');
    expect(denialWarnings(1, 50, 2, 10).daysWithDenials).toBe('minor');
    expect(denialWarnings(0, 50, 0, 10).daysWithDenials).toBe('none');
  });
});

describe('cardAlerts: every card warns with its reason (capacity 10, threshold 80 %, 60 days)', () => {
  const figures = { capacity: 10, inUseNow: 0, threshold: 80, periodDays: 60 };
  const withDays = (daysAtCapacity: number): Cards => ({ ...cardsWith({}), daysAtCapacity });

  test('days at capacity: minor from one day, major above 20 % of the days, with the count in the reason', () => {
    expect(cardAlerts(withDays(0), figures).daysAtCapacity).toEqual({ warning: 'none', reason: null });
    expect(cardAlerts(withDays(1), figures).daysAtCapacity).toEqual({
      warning: 'minor',
      reason: '1 of 60 days at capacity',
    });
    // 20 % of 60 is 12: twelve days stay minor, thirteen are major.
    expect(cardAlerts(withDays(12), figures).daysAtCapacity.warning).toBe('minor');
    expect(cardAlerts(withDays(44), figures).daysAtCapacity).toEqual({
      warning: 'major',
      reason: '44 of 60 days at capacity (> 20 %)',
    });
  });

  test('in use now: minor at the threshold, major at capacity, as the peak', () => {
    const inUse = (n: number) => cardAlerts(cardsWith({}), { ...figures, inUseNow: n }).inUseNow;
    expect(inUse(7).warning).toBe('none');
    expect(inUse(8)).toEqual({ warning: 'minor', reason: '8 ≥ 80 % of 10' });
    expect(inUse(9).warning).toBe('minor');
    expect(inUse(10)).toEqual({ warning: 'major', reason: '10 ≥ capacity 10' });
    expect(inUse(13).warning).toBe('major');
  });

  test('the three cards of §3 warn as cardWarnings says, each with a reason', () => {
    const cards = cardsWith({ peak: 10, average: 7.5, daysOver: 13 });
    const alerts = cardAlerts(cards, figures);
    const states = cardWarnings(cards, 10, 80, 60);
    expect(alerts.peakUsage.warning).toBe(states.peakUsage);
    expect(alerts.averageDailyUsage.warning).toBe(states.averageDailyUsage);
    expect(alerts.daysOverThreshold.warning).toBe(states.daysOverThreshold);
    expect(alerts.averageDailyUsage.reason).toBe('75 % of capacity (≥ 70 %)');
    expect(alerts.daysOverThreshold.reason).toBe('13 of 60 days ≥ 80 % (> 20 %)');
    expect(alerts.peakUsage.reason).toBe('10 ≥ capacity 10');
  });

  test('without a capacity no card warns and none gives a reason', () => {
    for (const capacity of [null, 0]) {
      const alerts = cardAlerts(withDays(5), { ...figures, capacity, inUseNow: 50 });
      for (const a of Object.values(alerts)) expect(a).toEqual({ warning: 'not-applicable', reason: null });
    }
  });

  test('the cut-offs shown in Threshold settings follow the threshold', () => {
    const rows = cutOffs(70);
    expect(rows.map((r) => r.card)).toHaveLength(5);
    expect(rows.find((r) => r.card === 'Average daily license usage')).toMatchObject({ minor: '≥ 60 % of capacity' });
  });
});
