/**
 * When a sweep kept on the quarter-hour grid can answer a period
 * (src/lib/usage/sweep.ts): only when the period and every hour inside it
 * start on the grid; otherwise the period is swept in its own hours. And when
 * a day can be read from the kept user days (dayParts).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toMicros, type UsageRange } from '../../../src/lib/sql/usage.ts';
import { bucketsOf } from '../../../src/lib/usage/buckets.ts';
import { assemble, dayParts, onGrid } from '../../../src/lib/usage/sweep.ts';

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

describe('assemble', () => {
  const days = bucketsOf('Europe/Berlin', 'day', Date.UTC(2026, 2, 20), Date.UTC(2026, 3, 3));
  const items = ['a', 'b', 'c', '*'];
  const row = fc.record({ idx: fc.integer({ min: 0, max: days.length - 1 }), item: fc.constantFrom(...items, 'gone') });
  const levels = fc.array(
    fc.record({ key: row, peak: fc.nat(9), average: fc.double({ min: 0, max: 9, noNaN: true }) }),
  );
  const users = fc.array(fc.record({ key: row, sessions: fc.nat(50), distinctUsers: fc.nat(20) }));

  test('every item gets a row per bucket before re, with its data or zeros, as one lookup per item and bucket gives', () => {
    fc.assert(
      fc.property(levels, users, fc.integer({ min: 1, max: days.length }), (ls, us, shownDays) => {
        const re = toMicros(days[shownDays - 1]!.start) + 1;
        const L = ls.map((l) => ({ ...l.key, peak: l.peak, average: l.average }));
        const U = us.map((u) => ({ ...u.key, sessions: u.sessions, distinctUsers: u.distinctUsers }));
        const out = assemble(items, days, re, L, U);
        expect([...out.keys()]).toEqual(items);
        for (const item of items) {
          const expected = days.slice(0, shownDays).map((b, idx) => {
            const l = L.findLast((r) => r.idx === idx && r.item === item);
            const u = U.findLast((r) => r.idx === idx && r.item === item);
            return {
              ...b,
              peak: l?.peak ?? 0,
              average: l?.average ?? 0,
              distinctUsers: u?.distinctUsers ?? 0,
              sessions: u?.sessions ?? 0,
            };
          });
          expect(out.get(item)).toEqual(expected);
        }
        // Each item's array is its own; a shared zero row cannot be written through.
        expect(new Set(out.values()).size).toBe(items.length);
        for (const [item, rows] of out) {
          rows.forEach((r, idx) => {
            const touched = [...L, ...U].some((x) => x.idx === idx && x.item === item);
            expect(Object.isFrozen(r), `${item} ${idx}`).toBe(!touched);
          });
        }
      }),
    );
  });
});
