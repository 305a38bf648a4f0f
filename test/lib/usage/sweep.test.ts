/**
 * When a sweep kept on the quarter-hour grid can answer a period
 * (src/lib/usage/sweep.ts): only when the period and every hour inside it
 * start on the grid; otherwise the period is swept in its own hours. And when
 * a day can be read from the kept user days (dayParts).
 */
import { describe, expect, test } from 'vitest';
import { toMicros, type UsageRange } from '../../../src/lib/sql/usage.ts';
import { bucketsOf } from '../../../src/lib/usage/buckets.ts';
import { dayParts, onGrid } from '../../../src/lib/usage/sweep.ts';

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

describe('dayParts', () => {
  const H = 3_600_000;
  const day0 = Date.UTC(2026, 2, 29);
  const bucket = (start: number, end: number) => ({ start, end, key: 'd', hour: 0, weekday: 7 });

  test('a local day is cut at UTC midnight into parts that each touch their UTC day’s start or end', () => {
    // Europe/Berlin's 23-hour spring day: 23:00 UTC the day before to 22:00 UTC.
    const parts = dayParts([bucket(day0 - H, day0 + 22 * H)], range(day0 - H, day0 + 22 * H + H));
    expect(parts?.numRows).toBe(2);
    expect(parts?.getChild('ps')?.toArray()).toEqual(BigInt64Array.from([day0 - H, day0].map((t) => BigInt(t * 1000))));
  });

  test('a part strictly inside its UTC day cannot be read from user days', () => {
    const inside = [bucket(day0 + H, day0 + 23 * H)];
    expect(dayParts(inside, range(day0 + H, day0 + 30 * H))).toBeNull();
    // Ending at as-of, nobody is in a session after it: the part reaches its UTC day's end.
    const r = { ...range(day0 + H, day0 + 20 * H), asOf: toMicros(day0 + 20 * H) };
    expect(dayParts(inside, r)?.numRows).toBe(1);
  });
});
