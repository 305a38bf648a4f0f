/**
 * The report's period (docs/DOMAIN.md §3): whole local days [from, to] in the
 * report zone, by default the first session's day to as-of's day; nothing after
 * as-of counted; at most ten years of days (the memory guard of a hostile link).
 */
import { describe, expect, test } from 'vitest';
import { MAX_PERIOD_DAYS, PeriodError, resolvePeriod } from '../../../src/lib/report/period.ts';

const ZONE = 'Europe/Berlin'; // UTC+1 in winter, +2 from 2026-03-29 02:00
const utc = (iso: string) => Date.parse(iso);
// The first session at 00:30 local on 2 March (still 1 March in UTC); the latest timestamp at 13:00 local on 10 March.
const EXTENT = { firstUse: utc('2026-03-01T23:30:00Z'), latest: utc('2026-03-10T12:00:00Z') };

describe('resolvePeriod', () => {
  test('by default: the first session’s local day to as-of’s day, as-of being the latest timestamp', () => {
    expect(resolvePeriod({ zone: ZONE }, EXTENT)).toEqual({
      from: '2026-03-02',
      to: '2026-03-10',
      startMs: utc('2026-03-01T23:00:00Z'), // local midnight of 2 March
      endMs: utc('2026-03-10T12:00:00Z'), // cut at as-of, not at the end of the day
      asOf: utc('2026-03-10T12:00:00Z'),
    });
  });

  test('the same instants in UTC fall on other days', () => {
    const p = resolvePeriod({ zone: 'UTC' }, EXTENT);
    expect([p.from, p.to, p.startMs]).toEqual(['2026-03-01', '2026-03-10', utc('2026-03-01T00:00:00Z')]);
  });

  test('a period ending before as-of’s day ends at the local midnight after its last day', () => {
    const p = resolvePeriod({ zone: ZONE, from: '2026-03-03', to: '2026-03-05' }, EXTENT);
    expect(p).toMatchObject({ from: '2026-03-03', to: '2026-03-05' });
    expect(p.startMs).toBe(utc('2026-03-02T23:00:00Z'));
    expect(p.endMs).toBe(utc('2026-03-05T23:00:00Z'));
  });

  test('a period reaching past as-of is cut at as-of, and its last day is as-of’s', () => {
    const p = resolvePeriod({ zone: ZONE, from: '2026-03-03', to: '2026-04-30' }, EXTENT);
    expect(p.endMs).toBe(EXTENT.latest);
    expect(p.to).toBe('2026-03-10');
  });

  test('an explicit as-of replaces the latest timestamp', () => {
    const asOf = utc('2026-03-06T08:15:00Z');
    const p = resolvePeriod({ zone: ZONE, asOf }, EXTENT);
    expect(p).toMatchObject({ from: '2026-03-02', to: '2026-03-06', endMs: asOf, asOf });
  });

  test('the day the clocks go forward is 23 hours long', () => {
    const p = resolvePeriod(
      { zone: ZONE, from: '2026-03-29', to: '2026-03-29' },
      { ...EXTENT, latest: utc('2026-04-02T00:00:00Z') },
    );
    expect(p.startMs).toBe(utc('2026-03-28T23:00:00Z'));
    expect(p.endMs).toBe(utc('2026-03-29T22:00:00Z'));
    expect((p.endMs - p.startMs) / 3_600_000).toBe(23);
  });

  describe('at most ten years of days', () => {
    // 2016-03-10 to 2026-03-10 is 3652 days (two leap days, 2020 and 2024); 7 more reach back to 2016-03-03.
    test('3660 days, from 2016-03-03 to as-of’s day 2026-03-10, are allowed', () => {
      expect(MAX_PERIOD_DAYS).toBe(3660);
      expect(resolvePeriod({ zone: ZONE, from: '2016-03-03' }, EXTENT).from).toBe('2016-03-03');
    });

    test('3661 days are refused with a message', () => {
      expect(() => resolvePeriod({ zone: ZONE, from: '2016-03-02' }, EXTENT)).toThrow(PeriodError);
      expect(() => resolvePeriod({ zone: ZONE, from: '2016-03-02' }, EXTENT)).toThrow(/longer than ten years/);
    });

    test('a period from year 1 is refused before anything is computed', () => {
      expect(() => resolvePeriod({ zone: ZONE, from: '0001-01-01' }, EXTENT)).toThrow(/longer than ten years/);
    });

    test('days after as-of do not count: a far `to` with a start inside the limit is allowed', () => {
      const p = resolvePeriod({ zone: ZONE, from: '2016-03-03', to: '2035-12-31' }, EXTENT);
      expect(p.to).toBe('2026-03-10');
    });
  });

  test.each([
    [{ from: '2026-02-30' }, /2026-02-30 is not a date of the calendar/],
    [{ to: '10.03.2026' }, /not a date of the calendar/],
    [{ from: '2026-03-08', to: '2026-03-04' }, /ends \(2026-03-04\) before it starts \(2026-03-08\)/],
    // Starting after as-of's day: the default end (as-of's day) comes before the start.
    [{ from: '2026-03-11' }, /before it starts/],
    // As-of at the first instant of the period: nothing is in it.
    [{ from: '2026-03-10', asOf: utc('2026-03-09T23:00:00Z') }, /is not after the period's start/],
  ])('%o is refused', (request, message) => {
    expect(() => resolvePeriod({ zone: ZONE, ...request }, EXTENT)).toThrow(message);
  });
});
