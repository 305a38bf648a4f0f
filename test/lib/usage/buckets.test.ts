/**
 * Calendar buckets (docs/DOMAIN.md §3 "Report time zone"): minutes, hours, days,
 * ISO weeks (Monday first) and months in an IANA zone; days of 23 and 25 hours
 * around DST changes, the repeated autumn hour as two buckets, half-hour zones.
 * Every expected instant below is worked out by hand from the zone's rules.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bucketsOf, type Bucket, type Resolution } from '../../../src/lib/usage/buckets.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(iso);
const hours = (b: Bucket) => (b.end - b.start) / HOUR;
const view = (b: Bucket) => ({
  key: b.key,
  start: new Date(b.start).toISOString(),
  end: new Date(b.end).toISOString(),
});

/** Each bucket ends where the next starts, and together they cover [from, to), each overlapping it. */
function expectContiguousCover(buckets: Bucket[], from: number, to: number) {
  expect(buckets.length).toBeGreaterThan(0);
  expect(buckets[0]!.start).toBeLessThanOrEqual(from);
  expect(buckets.at(-1)!.end).toBeGreaterThanOrEqual(to);
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    expect(b.end).toBeGreaterThan(b.start);
    expect(b.end > from && b.start < to, `bucket ${b.key} overlaps the range`).toBe(true);
    if (i + 1 < buckets.length) expect(b.end, `after ${b.key}`).toBe(buckets[i + 1]!.start);
  }
  expect(new Set(buckets.map((b) => b.key)).size).toBe(buckets.length);
}

describe('UTC', () => {
  test('days: midnight to midnight, keyed by date, weekday and hour of the start', () => {
    const days = bucketsOf('UTC', 'day', utc('2026-03-01T12:00:00Z'), utc('2026-03-03T00:00:01Z'));
    expect(days.map(view)).toEqual([
      { key: '2026-03-01', start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' },
      { key: '2026-03-02', start: '2026-03-02T00:00:00.000Z', end: '2026-03-03T00:00:00.000Z' },
      { key: '2026-03-03', start: '2026-03-03T00:00:00.000Z', end: '2026-03-04T00:00:00.000Z' },
    ]);
    // 2026-03-01 is a Sunday (ISO 7), 2026-03-02 a Monday (ISO 1).
    expect(days.map((d) => [d.weekday, d.hour])).toEqual([
      [7, 0],
      [1, 0],
      [2, 0],
    ]);
  });

  test('a range ending exactly on a boundary adds no empty bucket; an empty range gives none', () => {
    expect(bucketsOf('UTC', 'day', utc('2026-03-02T00:00:00Z'), utc('2026-03-04T00:00:00Z')).map((b) => b.key)).toEqual(
      ['2026-03-02', '2026-03-03'],
    );
    expect(bucketsOf('UTC', 'hour', utc('2026-03-02T10:00:00Z'), utc('2026-03-02T10:00:00Z'))).toEqual([]);
    expect(bucketsOf('UTC', 'day', utc('2026-03-03T00:00:00Z'), utc('2026-03-02T00:00:00Z'))).toEqual([]);
  });

  test('ISO weeks start on Monday: 2026-01-01 (a Thursday) is in the week of Monday 2025-12-29', () => {
    const weeks = bucketsOf('UTC', 'week', utc('2026-01-01T00:00:00Z'), utc('2026-01-12T00:00:00Z'));
    expect(weeks.map(view)).toEqual([
      { key: '2025-12-29', start: '2025-12-29T00:00:00.000Z', end: '2026-01-05T00:00:00.000Z' },
      { key: '2026-01-05', start: '2026-01-05T00:00:00.000Z', end: '2026-01-12T00:00:00.000Z' },
    ]);
    expect(weeks.every((w) => w.weekday === 1)).toBe(true);
    // A Sunday belongs to the week that began six days earlier, not the next one.
    expect(
      bucketsOf('UTC', 'week', utc('2026-03-01T23:59:59Z'), utc('2026-03-02T00:00:00Z')).map((b) => b.key),
    ).toEqual(['2026-02-23']);
  });

  test('months: calendar months of 28 and 31 days, keyed YYYY-MM', () => {
    const months = bucketsOf('UTC', 'month', utc('2026-01-31T23:00:00Z'), utc('2026-03-01T00:00:01Z'));
    expect(months.map(view)).toEqual([
      { key: '2026-01', start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z' },
      { key: '2026-02', start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' },
      { key: '2026-03', start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' },
    ]);
    // December rolls over into the next year.
    expect(
      bucketsOf('UTC', 'month', utc('2026-12-15T00:00:00Z'), utc('2027-01-15T00:00:00Z')).map((b) => b.key),
    ).toEqual(['2026-12', '2027-01']);
  });

  test('hours and minutes: whole, not clipped, keyed with the offset', () => {
    const hrs = bucketsOf('UTC', 'hour', utc('2026-03-02T10:30:00Z'), utc('2026-03-02T12:00:00Z'));
    expect(hrs.map(view)).toEqual([
      { key: '2026-03-02T10:00+00:00', start: '2026-03-02T10:00:00.000Z', end: '2026-03-02T11:00:00.000Z' },
      { key: '2026-03-02T11:00+00:00', start: '2026-03-02T11:00:00.000Z', end: '2026-03-02T12:00:00.000Z' },
    ]);
    expect(hrs.map((h) => [h.weekday, h.hour])).toEqual([
      [1, 10],
      [1, 11],
    ]);
    const mins = bucketsOf('UTC', 'minute', utc('2026-03-02T23:58:30Z'), utc('2026-03-03T00:01:00Z'));
    expect(mins.map((m) => m.key)).toEqual([
      '2026-03-02T23:58+00:00',
      '2026-03-02T23:59+00:00',
      '2026-03-03T00:00+00:00',
    ]);
    expect(mins.every((m) => m.end - m.start === MINUTE)).toBe(true);
  });
});

describe('Europe/Berlin (CET +01:00, CEST +02:00; changes at 01:00 UTC)', () => {
  const zone = 'Europe/Berlin';

  test('days start at local midnight: 23:00 UTC in winter, 22:00 UTC in summer', () => {
    expect(bucketsOf(zone, 'day', utc('2026-01-15T12:00:00Z'), utc('2026-01-15T12:00:01Z')).map(view)).toEqual([
      { key: '2026-01-15', start: '2026-01-14T23:00:00.000Z', end: '2026-01-15T23:00:00.000Z' },
    ]);
    expect(bucketsOf(zone, 'day', utc('2026-07-15T12:00:00Z'), utc('2026-07-15T12:00:01Z')).map(view)).toEqual([
      { key: '2026-07-15', start: '2026-07-14T22:00:00.000Z', end: '2026-07-15T22:00:00.000Z' },
    ]);
    // 23:30 UTC on 2026-01-14 is already 00:30 on the 15th in Berlin.
    expect(bucketsOf(zone, 'day', utc('2026-01-14T23:30:00Z'), utc('2026-01-14T23:31:00Z')).map((b) => b.key)).toEqual([
      '2026-01-15',
    ]);
  });

  test('2026-03-29 lasts 23 hours and has no 02:00; 2026-10-25 lasts 25 hours', () => {
    const [spring] = bucketsOf(zone, 'day', utc('2026-03-29T10:00:00Z'), utc('2026-03-29T10:00:01Z'));
    expect(view(spring!)).toEqual({
      key: '2026-03-29',
      start: '2026-03-28T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(hours(spring!)).toBe(23);
    const [autumn] = bucketsOf(zone, 'day', utc('2026-10-25T10:00:00Z'), utc('2026-10-25T10:00:01Z'));
    expect(view(autumn!)).toEqual({
      key: '2026-10-25',
      start: '2026-10-24T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
    });
    expect(hours(autumn!)).toBe(25);
    expect(autumn!.weekday).toBe(7); // a Sunday
  });

  test('hour buckets of the spring day: 23 of them, 01:00+01:00 then 03:00+02:00', () => {
    const hrs = bucketsOf(zone, 'hour', utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'));
    expect(hrs).toHaveLength(23);
    expect(hrs.every((h) => h.end - h.start === HOUR)).toBe(true);
    expect(hrs.slice(0, 4).map((h) => h.key)).toEqual([
      '2026-03-29T00:00+01:00',
      '2026-03-29T01:00+01:00',
      '2026-03-29T03:00+02:00',
      '2026-03-29T04:00+02:00',
    ]);
    expect(hrs[2]!.start).toBe(utc('2026-03-29T01:00:00Z'));
    expect(hrs.map((h) => h.hour)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    expect(hrs.at(-1)!.key).toBe('2026-03-29T23:00+02:00');
  });

  test('hour buckets of the autumn day: 25 of them, 02:00 twice with different keys', () => {
    const hrs = bucketsOf(zone, 'hour', utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'));
    expect(hrs).toHaveLength(25);
    expect(hrs.every((h) => h.end - h.start === HOUR)).toBe(true);
    expect(hrs.slice(0, 5).map(view)).toEqual([
      { key: '2026-10-25T00:00+02:00', start: '2026-10-24T22:00:00.000Z', end: '2026-10-24T23:00:00.000Z' },
      { key: '2026-10-25T01:00+02:00', start: '2026-10-24T23:00:00.000Z', end: '2026-10-25T00:00:00.000Z' },
      { key: '2026-10-25T02:00+02:00', start: '2026-10-25T00:00:00.000Z', end: '2026-10-25T01:00:00.000Z' },
      { key: '2026-10-25T02:00+01:00', start: '2026-10-25T01:00:00.000Z', end: '2026-10-25T02:00:00.000Z' },
      { key: '2026-10-25T03:00+01:00', start: '2026-10-25T02:00:00.000Z', end: '2026-10-25T03:00:00.000Z' },
    ]);
    expect(hrs.filter((h) => h.hour === 2)).toHaveLength(2);
    expect(new Set(hrs.map((h) => h.key)).size).toBe(25);
    expect(hrs.at(-1)!.key).toBe('2026-10-25T23:00+01:00');
  });

  test('minutes across the spring gap: 01:59+01:00 is followed by 03:00+02:00', () => {
    const mins = bucketsOf(zone, 'minute', utc('2026-03-29T00:58:00Z'), utc('2026-03-29T01:02:00Z'));
    expect(mins.map((m) => m.key)).toEqual([
      '2026-03-29T01:58+01:00',
      '2026-03-29T01:59+01:00',
      '2026-03-29T03:00+02:00',
      '2026-03-29T03:01+02:00',
    ]);
    expectContiguousCover(mins, utc('2026-03-29T00:58:00Z'), utc('2026-03-29T01:02:00Z'));
  });

  test('minutes across the autumn repeat: 02:59+02:00 is followed by 02:00+01:00', () => {
    const mins = bucketsOf(zone, 'minute', utc('2026-10-25T00:59:00Z'), utc('2026-10-25T01:01:00Z'));
    expect(mins.map((m) => m.key)).toEqual(['2026-10-25T02:59+02:00', '2026-10-25T02:00+01:00']);
  });

  test('the week of the spring change is an hour short; March is an hour short, October an hour long', () => {
    const [week] = bucketsOf(zone, 'week', utc('2026-03-29T12:00:00Z'), utc('2026-03-29T12:00:01Z'));
    expect(view(week!)).toEqual({
      key: '2026-03-23',
      start: '2026-03-22T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(hours(week!)).toBe(7 * 24 - 1);
    const months = bucketsOf(zone, 'month', utc('2026-03-15T00:00:00Z'), utc('2026-03-15T00:00:01Z'));
    expect(months.map(view)).toEqual([
      { key: '2026-03', start: '2026-02-28T23:00:00.000Z', end: '2026-03-31T22:00:00.000Z' },
    ]);
    expect(hours(months[0]!)).toBe(31 * 24 - 1);
    const [october] = bucketsOf(zone, 'month', utc('2026-10-15T00:00:00Z'), utc('2026-10-15T00:00:01Z'));
    expect(view(october!)).toEqual({
      key: '2026-10',
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
    });
    expect(hours(october!)).toBe(31 * 24 + 1);
  });
});

describe('2-hour intervals (a portal usage table): local even hours, split where the clock jumps', () => {
  const zone = 'Europe/Berlin';

  test('an ordinary Berlin day: 12 intervals 00–02 … 22–24', () => {
    const two = bucketsOf(zone, '2-hour', utc('2026-03-01T23:00:00Z'), utc('2026-03-02T23:00:00Z'));
    expect(two).toHaveLength(12);
    expect(two.every((b) => b.end - b.start === 2 * HOUR)).toBe(true);
    expect(two.map((b) => b.hour)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]);
    expect(view(two[0]!)).toEqual({
      key: '2026-03-02T00:00+01:00',
      start: '2026-03-01T23:00:00.000Z',
      end: '2026-03-02T01:00:00.000Z',
    });
  });

  test('spring day 2026-03-29: 00–02 (+01:00), then the clock jumps to 03:00, so 03–04 lasts one hour, then 04–06 …', () => {
    const two = bucketsOf(zone, '2-hour', utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'));
    expect(two.slice(0, 3).map(view)).toEqual([
      { key: '2026-03-29T00:00+01:00', start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T01:00:00.000Z' },
      { key: '2026-03-29T03:00+02:00', start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T02:00:00.000Z' },
      { key: '2026-03-29T04:00+02:00', start: '2026-03-29T02:00:00.000Z', end: '2026-03-29T04:00:00.000Z' },
    ]);
    expect(two).toHaveLength(12); // 2 + 1 + 10 × 2 = 23 hours
    expect(two.reduce((a, b) => a + hours(b), 0)).toBe(23);
    expect(two.at(-1)!.key).toBe('2026-03-29T22:00+02:00');
  });

  test('autumn day 2026-10-25: 02–03 in summer time, then 02–04 in winter time (13 intervals, 25 hours)', () => {
    const two = bucketsOf(zone, '2-hour', utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'));
    expect(two.slice(0, 4).map(view)).toEqual([
      { key: '2026-10-25T00:00+02:00', start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T00:00:00.000Z' },
      { key: '2026-10-25T02:00+02:00', start: '2026-10-25T00:00:00.000Z', end: '2026-10-25T01:00:00.000Z' },
      { key: '2026-10-25T02:00+01:00', start: '2026-10-25T01:00:00.000Z', end: '2026-10-25T03:00:00.000Z' },
      { key: '2026-10-25T04:00+01:00', start: '2026-10-25T03:00:00.000Z', end: '2026-10-25T05:00:00.000Z' },
    ]);
    expect(two).toHaveLength(13);
    expect(two.reduce((a, b) => a + hours(b), 0)).toBe(25);
    expect(two.at(-1)!.key).toBe('2026-10-25T22:00+01:00');
  });

  test('in every zone, 2-hour intervals are unions of hour buckets and days are unions of 2-hour intervals', () => {
    for (const z of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      for (const base of [
        utc('2026-03-29T00:00:00Z'),
        utc('2026-10-25T00:00:00Z'),
        utc('2026-03-08T06:00:00Z'),
        utc('2026-11-01T06:00:00Z'),
        utc('2026-04-05T00:00:00Z'),
      ]) {
        const days = bucketsOf(z, 'day', base - DAY, base + DAY);
        const two = bucketsOf(z, '2-hour', days[0]!.start, days.at(-1)!.end);
        const hourStarts = new Set(bucketsOf(z, 'hour', days[0]!.start, days.at(-1)!.end).map((h) => h.start));
        const twoStarts = new Set(two.map((b) => b.start));
        for (const b of two) expect(hourStarts.has(b.start), `${z} ${b.key}`).toBe(true);
        for (const d of days) expect(twoStarts.has(d.start), `${z} ${d.key}`).toBe(true);
      }
    }
  });
});

describe('America/New_York (EST -05:00, EDT -04:00; changes at 02:00 local)', () => {
  const zone = 'America/New_York';

  test('2026-03-08 lasts 23 hours, 2026-11-01 lasts 25 hours', () => {
    const days = bucketsOf(zone, 'day', utc('2026-03-08T12:00:00Z'), utc('2026-03-09T12:00:00Z'));
    expect(days.map(view)).toEqual([
      { key: '2026-03-08', start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' },
      { key: '2026-03-09', start: '2026-03-09T04:00:00.000Z', end: '2026-03-10T04:00:00.000Z' },
    ]);
    expect(days.map(hours)).toEqual([23, 24]);
    const [autumn] = bucketsOf(zone, 'day', utc('2026-11-01T12:00:00Z'), utc('2026-11-01T12:00:01Z'));
    expect(view(autumn!)).toEqual({
      key: '2026-11-01',
      start: '2026-11-01T04:00:00.000Z',
      end: '2026-11-02T05:00:00.000Z',
    });
    expect(hours(autumn!)).toBe(25);
  });

  test('hours of 2026-03-08: 23, 01:00-05:00 then 03:00-04:00', () => {
    const hrs = bucketsOf(zone, 'hour', utc('2026-03-08T05:00:00Z'), utc('2026-03-09T04:00:00Z'));
    expect(hrs).toHaveLength(23);
    expect(hrs.slice(0, 3).map(view)).toEqual([
      { key: '2026-03-08T00:00-05:00', start: '2026-03-08T05:00:00.000Z', end: '2026-03-08T06:00:00.000Z' },
      { key: '2026-03-08T01:00-05:00', start: '2026-03-08T06:00:00.000Z', end: '2026-03-08T07:00:00.000Z' },
      { key: '2026-03-08T03:00-04:00', start: '2026-03-08T07:00:00.000Z', end: '2026-03-08T08:00:00.000Z' },
    ]);
  });

  test('hours of 2026-11-01: 25, 01:00 twice (-04:00 then -05:00)', () => {
    const hrs = bucketsOf(zone, 'hour', utc('2026-11-01T04:00:00Z'), utc('2026-11-02T05:00:00Z'));
    expect(hrs).toHaveLength(25);
    expect(hrs.slice(0, 4).map(view)).toEqual([
      { key: '2026-11-01T00:00-04:00', start: '2026-11-01T04:00:00.000Z', end: '2026-11-01T05:00:00.000Z' },
      { key: '2026-11-01T01:00-04:00', start: '2026-11-01T05:00:00.000Z', end: '2026-11-01T06:00:00.000Z' },
      { key: '2026-11-01T01:00-05:00', start: '2026-11-01T06:00:00.000Z', end: '2026-11-01T07:00:00.000Z' },
      { key: '2026-11-01T02:00-05:00', start: '2026-11-01T07:00:00.000Z', end: '2026-11-01T08:00:00.000Z' },
    ]);
    expect(hrs.filter((h) => h.hour === 1).map((h) => h.key)).toEqual([
      '2026-11-01T01:00-04:00',
      '2026-11-01T01:00-05:00',
    ]);
  });

  test('weeks and months in local time', () => {
    // Sunday 2026-03-08 belongs to the week of Monday 2026-03-02 (local midnight = 05:00 UTC, EST).
    const [week] = bucketsOf(zone, 'week', utc('2026-03-08T12:00:00Z'), utc('2026-03-08T12:00:01Z'));
    expect(view(week!)).toEqual({
      key: '2026-03-02',
      start: '2026-03-02T05:00:00.000Z',
      end: '2026-03-09T04:00:00.000Z',
    });
    // 2026-11-01T03:00Z is still October 31 in New York (23:00 EDT).
    const months = bucketsOf(zone, 'month', utc('2026-11-01T03:00:00Z'), utc('2026-11-01T05:00:00Z'));
    expect(months.map(view)).toEqual([
      { key: '2026-10', start: '2026-10-01T04:00:00.000Z', end: '2026-11-01T04:00:00.000Z' },
      { key: '2026-11', start: '2026-11-01T04:00:00.000Z', end: '2026-12-01T05:00:00.000Z' },
    ]);
  });
});

describe('Asia/Kolkata (+05:30, no DST)', () => {
  const zone = 'Asia/Kolkata';

  test('days start at 18:30 UTC the day before', () => {
    expect(bucketsOf(zone, 'day', utc('2026-03-01T18:30:00Z'), utc('2026-03-02T18:30:00Z')).map(view)).toEqual([
      { key: '2026-03-02', start: '2026-03-01T18:30:00.000Z', end: '2026-03-02T18:30:00.000Z' },
    ]);
    expect(bucketsOf(zone, 'day', utc('2026-03-01T18:29:00Z'), utc('2026-03-01T18:31:00Z')).map((b) => b.key)).toEqual([
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  test('hour buckets start at :30 UTC', () => {
    const hrs = bucketsOf(zone, 'hour', utc('2026-03-02T04:00:00Z'), utc('2026-03-02T06:00:00Z'));
    expect(hrs.map(view)).toEqual([
      { key: '2026-03-02T09:00+05:30', start: '2026-03-02T03:30:00.000Z', end: '2026-03-02T04:30:00.000Z' },
      { key: '2026-03-02T10:00+05:30', start: '2026-03-02T04:30:00.000Z', end: '2026-03-02T05:30:00.000Z' },
      { key: '2026-03-02T11:00+05:30', start: '2026-03-02T05:30:00.000Z', end: '2026-03-02T06:30:00.000Z' },
    ]);
    expect(hrs.map((h) => h.hour)).toEqual([9, 10, 11]);
    expect(hrs.every((h) => new Date(h.start).getUTCMinutes() === 30)).toBe(true);
  });

  test('minutes, weeks and months', () => {
    expect(
      bucketsOf(zone, 'minute', utc('2026-03-02T04:29:00Z'), utc('2026-03-02T04:31:00Z')).map((m) => m.key),
    ).toEqual(['2026-03-02T09:59+05:30', '2026-03-02T10:00+05:30']);
    const [week] = bucketsOf(zone, 'week', utc('2026-03-04T00:00:00Z'), utc('2026-03-04T00:00:01Z'));
    expect(view(week!)).toEqual({
      key: '2026-03-02',
      start: '2026-03-01T18:30:00.000Z',
      end: '2026-03-08T18:30:00.000Z',
    });
    const [month] = bucketsOf(zone, 'month', utc('2026-02-28T19:00:00Z'), utc('2026-02-28T19:00:01Z'));
    expect(view(month!)).toEqual({
      key: '2026-03',
      start: '2026-02-28T18:30:00.000Z',
      end: '2026-03-31T18:30:00.000Z',
    });
  });
});

describe('contiguity and coverage', () => {
  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];
  // Ranges short enough to keep minute buckets few, long enough to cross many month boundaries.
  const SPAN: Record<Resolution, number> = {
    minute: 6 * HOUR,
    hour: 10 * DAY,
    '2-hour': 20 * DAY,
    day: 120 * DAY,
    week: 400 * DAY,
    month: 800 * DAY,
  };
  const DST_STARTS = [
    utc('2026-03-29T00:00:00Z'),
    utc('2026-10-24T22:00:00Z'),
    utc('2026-03-08T05:00:00Z'),
    utc('2026-11-01T03:00:00Z'),
    utc('2026-04-04T12:00:00Z'), // Lord Howe and Santiago change in April and September/October
    utc('2026-09-05T12:00:00Z'),
    utc('2026-10-03T12:00:00Z'),
  ];

  test.each(['minute', 'hour', '2-hour', 'day', 'week', 'month'] as const)(
    '%s buckets are contiguous and cover any range',
    (resolution) => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ZONES),
          fc.constantFrom(...DST_STARTS),
          fc.integer({ min: -2 * DAY, max: 2 * DAY }),
          fc.integer({ min: 1, max: SPAN[resolution] }),
          (zone, base, shift, length) => {
            const from = base + shift;
            const to = from + length;
            const buckets = bucketsOf(zone, resolution, from, to);
            expectContiguousCover(buckets, from, to);
            if (resolution === 'minute') expect(buckets.every((b) => b.end - b.start <= MINUTE)).toBe(true);
            if (resolution === 'hour') expect(buckets.every((b) => b.end - b.start <= HOUR)).toBe(true);
            if (resolution === '2-hour') expect(buckets.every((b) => b.end - b.start <= 2 * HOUR)).toBe(true);
            if (resolution === 'day')
              expect(buckets.every((b) => b.end - b.start >= 23 * HOUR && b.end - b.start <= 25 * HOUR)).toBe(true);
            if (resolution === 'week') expect(buckets.every((b) => b.weekday === 1)).toBe(true);
            if (resolution === 'month') expect(buckets.every((b) => b.key.length === 7)).toBe(true);
          },
        ),
        { seed: 4242, numRuns: resolution === 'minute' ? 60 : 150 },
      );
    },
  );

  test('day buckets are exactly the hour buckets grouped by local date', () => {
    for (const zone of ZONES) {
      for (const base of DST_STARTS) {
        const from = base - DAY;
        const to = base + 2 * DAY;
        const days = bucketsOf(zone, 'day', from, to);
        const hrs = bucketsOf(zone, 'hour', days[0]!.start, days.at(-1)!.end);
        for (const d of days) {
          const inside = hrs.filter((h) => h.start >= d.start && h.end <= d.end);
          expect(inside[0]!.start, `${zone} ${d.key}`).toBe(d.start);
          expect(inside.at(-1)!.end, `${zone} ${d.key}`).toBe(d.end);
          expect(
            inside.every((h) => h.key.startsWith(d.key)),
            `${zone} ${d.key}`,
          ).toBe(true);
        }
      }
    }
  });
});
