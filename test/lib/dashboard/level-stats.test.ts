/** The figures above the chart: the 12-month average leaves out months without data instead of counting them as 0. */
import { expect, test } from 'vitest';
import { levelStats } from '../../../src/lib/dashboard/level-stats.ts';

const bar = (peak: number, average: number, distinctUsers: number) => ({ peak, average, distinctUsers });

test('12 months, 10 of them before the data: the average is of the two months with sessions', () => {
  const months = [...Array.from({ length: 10 }, () => bar(0, 0, 0)), bar(30, 9, 40), bar(36, 11, 42)];
  expect(levelStats(months, 'months')).toEqual({ peak: 36, average: 10, users: 42 });
});

test('elsewhere every bar counts, an idle hour too; the period level has no users figure', () => {
  expect(levelStats([bar(2, 1, 3), bar(0, 0, 0)], 'day')).toEqual({ peak: 2, average: 0.5, users: 3 });
  expect(levelStats([bar(2, 1, 3), bar(0, 0, 0)], 'period')).toEqual({ peak: 2, average: 0.5, users: null });
});

test('no bars, no figures; months all empty average 0', () => {
  expect(levelStats([], 'months')).toBeNull();
  expect(levelStats([bar(0, 0, 0)], 'months')).toEqual({ peak: 0, average: 0, users: 0 });
});
