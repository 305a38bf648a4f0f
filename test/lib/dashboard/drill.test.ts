/**
 * The allocation chart's levels: what each asks of the usage engine (range and
 * resolution, in local time, 23- and 25-hour days included), their titles, and
 * their link text read back, with anything else refused.
 */
import { describe, expect, test } from 'vitest';
import { drillRange, drillTitle, formatDrill, parseDrill, type DrillLevel } from '../../../src/lib/dashboard/drill.ts';

const ZONE = 'Europe/Berlin'; // +01:00, +02:00 from 29 March 2026 to 25 October 2026
const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const AS_OF = utc('2026-05-04T10:00:00Z'); // 12:00 local

describe('drillRange', () => {
  test('a day: its local hours, midnight to midnight', () => {
    const r = drillRange({ kind: 'day', date: '2026-05-04' }, ZONE, AS_OF);
    expect(r).toMatchObject({
      resolution: 'hour',
      fromMs: utc('2026-05-03T22:00:00Z'),
      toMs: utc('2026-05-04T22:00:00Z'),
    });
    expect(r.label('2026-05-04T13:00+02:00')).toBe('13:00+02:00');
  });

  test('the day the clocks go forward has 23 hours, the day they go back 25', () => {
    const spring = drillRange({ kind: 'day', date: '2026-03-29' }, ZONE, AS_OF);
    expect([spring.fromMs, spring.toMs]).toEqual([utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z')]);
    expect((spring.toMs - spring.fromMs) / HOUR).toBe(23);
    const autumn = drillRange({ kind: 'day', date: '2026-10-25' }, ZONE, utc('2026-11-01T00:00:00Z'));
    expect([autumn.fromMs, autumn.toMs]).toEqual([utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z')]);
    expect((autumn.toMs - autumn.fromMs) / HOUR).toBe(25);
  });

  test('an hour: its minutes, from the bucket’s start', () => {
    const start = utc('2026-05-04T11:00:00Z');
    const r = drillRange({ kind: 'hour', date: '2026-05-04', start, key: '2026-05-04T13:00+02:00' }, ZONE, AS_OF);
    expect(r).toMatchObject({ resolution: 'minute', fromMs: start, toMs: start + HOUR });
    expect(r.label('2026-05-04T13:07+02:00')).toBe('13:07');
  });

  test('the last 24 hours end at as-of', () => {
    const r = drillRange({ kind: 'last24' }, ZONE, AS_OF);
    expect(r).toMatchObject({ resolution: 'hour', fromMs: utc('2026-05-03T10:00:00Z'), toMs: AS_OF });
    expect(r.label('2026-05-03T13:00+02:00')).toBe('05-03 13:00');
  });

  test('the last 12 months: from the first local day of the month eleven months before as-of’s', () => {
    const r = drillRange({ kind: 'months' }, ZONE, AS_OF);
    // May 2026 and the eleven months before it: June 2025 to May 2026.
    expect(r).toMatchObject({ resolution: 'month', fromMs: utc('2025-05-31T22:00:00Z'), toMs: AS_OF });
  });

  test('the months follow as-of’s local month: 00:30 on 1 January in Berlin is still December in UTC', () => {
    const newYear = utc('2025-12-31T23:30:00Z');
    // January 2026 and the eleven months before: February 2025 on, not January 2025.
    expect(drillRange({ kind: 'months' }, ZONE, newYear).fromMs).toBe(utc('2025-01-31T23:00:00Z'));
  });
});

test('titles say what a bar is', () => {
  expect(drillTitle({ kind: 'period' })).toBe('Licenses in use per day');
  expect(drillTitle({ kind: 'day', date: '2026-05-04' })).toBe('Licenses in use per hour on 2026-05-04');
  expect(drillTitle({ kind: 'hour', date: '2026-05-04', start: 0, key: '2026-05-04T13:00+02:00' })).toBe(
    'Licenses in use per minute, 2026-05-04 13:00+02:00',
  );
  expect(drillTitle({ kind: 'last24' })).toBe('Licenses in use per hour, last 24 hours');
  expect(drillTitle({ kind: 'months' })).toBe('Licenses in use per month, last 12 months');
});

describe('link text', () => {
  const levels: [DrillLevel, string][] = [
    [{ kind: 'period' }, 'period'],
    [{ kind: 'last24' }, 'last24'],
    [{ kind: 'months' }, 'months'],
    [{ kind: 'day', date: '2026-05-04' }, 'day:2026-05-04'],
    [
      { kind: 'hour', date: '2026-05-04', start: utc('2026-05-04T11:00:00Z'), key: '2026-05-04T13:00+02:00' },
      'hour:2026-05-04T13:00+02:00',
    ],
  ];

  test.each(levels)('%o is written %s and read back', (level, text) => {
    expect(formatDrill(level)).toBe(text);
    expect(parseDrill(text)).toEqual(level);
  });

  test('the hour that repeats in autumn is two levels, told apart by the offset', () => {
    const first = parseDrill('hour:2026-10-25T02:00+02:00');
    const second = parseDrill('hour:2026-10-25T02:00+01:00');
    expect(first).toMatchObject({ kind: 'hour', date: '2026-10-25', start: utc('2026-10-25T00:00:00Z') });
    expect(second).toMatchObject({ kind: 'hour', date: '2026-10-25', start: utc('2026-10-25T01:00:00Z') });
  });

  test('hours of zones a half hour off, and in UTC, are read', () => {
    expect(parseDrill('hour:2026-04-05T01:30+10:30')).toMatchObject({ start: utc('2026-04-04T15:00:00Z') });
    expect(parseDrill('hour:2026-05-04T13:00Z')).toMatchObject({ start: utc('2026-05-04T13:00:00Z') });
  });

  test.each([
    '',
    'week',
    'Period',
    'day:2026-02-30', // not in the calendar
    'day:2026-5-4',
    'hour:2026-05-04T24:00+02:00',
    'hour:2026-05-04T13:00', // no offset: no instant
    'hour:2026-05-04T13:60+02:00',
    'hour:2026-02-30T13:00+01:00',
    'day:2026-05-04<script>',
  ])('%j is not a level', (text) => {
    expect(parseDrill(text)).toBeNull();
  });
});
