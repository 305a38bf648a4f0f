/**
 * When a sweep kept on the quarter-hour grid can answer a period
 * (src/lib/usage/sweep.ts): only when the period and every hour inside it
 * start on the grid; otherwise the period is swept in its own hours.
 */
import { describe, expect, test } from 'vitest';
import { toMicros, type UsageRange } from '../../../src/lib/sql/usage.ts';
import { bucketsOf } from '../../../src/lib/usage/buckets.ts';
import { onGrid } from '../../../src/lib/usage/sweep.ts';

const range = (fromMs: number, toMs: number): UsageRange => ({
  rs: toMicros(fromMs),
  re: toMicros(toMs),
  asOf: toMicros(toMs),
  hold: 0,
  reach: 0,
});

describe('onGrid', () => {
  test.each(['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe'])(
    'the hours of a year in %s start on quarter hours',
    (zone) => {
      const [first] = bucketsOf(zone, 'day', Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 3));
      const from = first!.start;
      const to = from + 365 * 86_400_000;
      expect(onGrid(range(from, to), bucketsOf(zone, 'hour', from, to))).toBe(true);
    },
  );

  test('a period or an hour starting off the grid is not answered from the kept sweep', () => {
    const from = Date.UTC(2026, 0, 1);
    const hours = bucketsOf('UTC', 'hour', from, from + 86_400_000);
    expect(onGrid(range(from + 60_000, from + 86_400_000), hours)).toBe(false);
    const moved = hours.map((b, i) => (i === 5 ? { ...b, start: b.start + 1 } : b));
    expect(onGrid(range(from, from + 86_400_000), moved)).toBe(false);
    expect(onGrid(range(from, from), hours)).toBe(false);
  });
});
