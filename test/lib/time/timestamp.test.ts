/**
 * ISO 8601 timestamps as the vault and spreadsheets write them (docs/DOMAIN.md §2.1):
 * `Z`, offsets, ` UTC`, fractions to the microsecond, `T` or a space, optional
 * seconds, and offset-less ones read in the source zone and flagged naive.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseTimestamp, type Instant } from '../../../src/lib/time/timestamp.ts';

const BASE = Date.UTC(2026, 2, 2, 8, 0, 0); // 2026-03-02T08:00:00Z

/** Parses and insists on a result (not an error). */
function instant(text: string, zone = 'UTC'): Instant {
  const r = parseTimestamp(text, zone);
  if (typeof r === 'string') throw new Error(`"${text}" was refused: ${r}`);
  return r;
}

describe('with a zone designator or an offset', () => {
  test.each([
    ['2026-03-02T08:00:00Z', 'Z'],
    ['2026-03-02T08:00:00z', 'lower-case z'],
    ['2026-03-02 08:00:00 UTC', ' UTC'],
    ['2026-03-02 08:00:00UTC', 'UTC without a space'],
    ['2026-03-02T09:00:00+01:00', '+01:00'],
    ['2026-03-02T09:00:00+0100', '+0100'],
    ['2026-03-02T09:00:00+01', '+01'],
    ['2026-03-02T03:00:00-05:00', '-05:00'],
    ['2026-03-02T03:00:00-0500', '-0500'],
    ['2026-03-02T13:30:00+05:30', '+05:30'],
    ['2026-03-02T07:15:00-00:45', '-00:45'],
    ['2026-03-02T08:00:00+00:00', '+00:00'],
    ['2026-03-02T08:00:00-00:00', '-00:00'],
    ['2026-03-02 09:00:00 +01:00', 'a space before the offset'],
    ['2026-03-03T02:00:00+18:00', '+18:00, the largest offset'],
  ])('%s (%s) is 08:00Z and not naive', (text) => {
    expect(instant(text)).toEqual({ ms: BASE, naive: false });
  });

  test('an offset wins over the source zone', () => {
    expect(instant('2026-03-02T09:00:00+01:00', 'America/New_York')).toEqual({ ms: BASE, naive: false });
    expect(instant('2026-03-02T08:00:00Z', 'Asia/Kolkata')).toEqual({ ms: BASE, naive: false });
  });

  test('an offset moves the date across midnight and month ends', () => {
    expect(instant('2026-03-01T23:30:00-10:00').ms).toBe(Date.UTC(2026, 2, 2, 9, 30));
    expect(instant('2026-01-01T00:30:00+01:00').ms).toBe(Date.UTC(2025, 11, 31, 23, 30));
  });
});

describe('date and time forms', () => {
  test('`T`, `t` or a space between date and time', () => {
    expect(instant('2026-03-02T08:00:00Z').ms).toBe(BASE);
    expect(instant('2026-03-02t08:00:00Z').ms).toBe(BASE);
    expect(instant('2026-03-02 08:00:00Z').ms).toBe(BASE);
  });

  test('without seconds', () => {
    expect(instant('2026-03-02T08:00Z')).toEqual({ ms: BASE, naive: false });
    expect(instant('2026-03-02 09:00+01:00')).toEqual({ ms: BASE, naive: false });
    expect(instant('2026-03-02 08:00')).toEqual({ ms: BASE, naive: true });
  });

  test('seconds are kept', () => {
    expect(instant('2026-03-02T08:00:59Z').ms).toBe(BASE + 59_000);
  });

  test('leap years: Feb 29 of 2024 and 2000 exist', () => {
    expect(instant('2024-02-29T12:00:00Z').ms).toBe(Date.UTC(2024, 1, 29, 12));
    expect(instant('2000-02-29T12:00:00Z').ms).toBe(Date.UTC(2000, 1, 29, 12));
  });

  test('the last day of each month', () => {
    expect(instant('2026-01-31T00:00:00Z').ms).toBe(Date.UTC(2026, 0, 31));
    expect(instant('2026-04-30T00:00:00Z').ms).toBe(Date.UTC(2026, 3, 30));
    expect(instant('2026-12-31T23:59:59Z').ms).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
  });
});

describe('fractional seconds', () => {
  test.each([
    ['5', 500],
    ['25', 250],
    ['250', 250],
    ['1234', 123.4],
    ['12345', 123.45],
    ['123456', 123.456],
    // Past the microsecond, digits are dropped (not rounded).
    ['1234567', 123.456],
    ['12345678', 123.456],
    ['123456789', 123.456],
    ['999999999', 999.999],
  ])('.%s is %s ms', (digits, ms) => {
    expect(instant(`2026-03-02T08:00:00.${digits}Z`)).toEqual({ ms: BASE + ms, naive: false });
  });

  test('a comma as the decimal sign', () => {
    expect(instant('2026-03-02T08:00:00,5Z').ms).toBe(BASE + 500);
  });

  test('a fraction with an offset and with a naive time', () => {
    expect(instant('2026-03-02T09:00:00.000250+01:00').ms).toBe(BASE + 0.25);
    expect(instant('2026-03-02 09:00:00.75', 'Europe/Berlin')).toEqual({ ms: BASE + 750, naive: true });
  });

  test('the microseconds survive as the fraction of ms', () => {
    const { ms } = instant('2026-03-02T08:00:00.000001Z');
    expect(ms).toBeGreaterThan(BASE);
    expect(Math.round((ms - BASE) * 1000)).toBe(1);
  });
});

describe('without an offset: read in the source zone, naive', () => {
  test('in UTC', () => {
    expect(instant('2026-03-02T08:00:00', 'UTC')).toEqual({ ms: BASE, naive: true });
  });

  test('in Europe/Berlin, winter and summer', () => {
    expect(instant('2026-03-02 09:00:00', 'Europe/Berlin')).toEqual({ ms: BASE, naive: true });
    expect(instant('2026-07-01 10:00:00', 'Europe/Berlin')).toEqual({ ms: Date.UTC(2026, 6, 1, 8), naive: true });
  });

  test('in America/New_York and Asia/Kolkata', () => {
    expect(instant('2026-03-02T03:00:00', 'America/New_York').ms).toBe(BASE);
    expect(instant('2026-03-02T13:30:00', 'Asia/Kolkata').ms).toBe(BASE);
  });

  test('a wall time in the Berlin spring gap is read with the offset before the change', () => {
    expect(instant('2026-03-29 02:30:00', 'Europe/Berlin')).toEqual({ ms: Date.UTC(2026, 2, 29, 1, 30), naive: true });
  });

  test('a wall time in the repeated Berlin autumn hour is the earlier instant', () => {
    expect(instant('2026-10-25 02:30:00', 'Europe/Berlin')).toEqual({ ms: Date.UTC(2026, 9, 25, 0, 30), naive: true });
  });
});

describe('refused', () => {
  test.each([
    ['2026-13-01T00:00:00Z', 'month 13'],
    ['2026-00-10T00:00:00Z', 'month 0'],
    ['2026-02-29T00:00:00Z', 'Feb 29 in a non-leap year'],
    ['2100-02-29T00:00:00Z', 'Feb 29 in a century year that is not a leap year'],
    ['2026-04-31T00:00:00Z', 'April 31'],
    ['2026-03-00T00:00:00Z', 'day 0'],
    ['2026-03-02T24:00:00Z', 'hour 24'],
    ['2026-03-02T08:60:00Z', 'minute 60'],
    ['2026-03-02T08:00:60Z', 'second 60'],
    ['2026-03-02T08:00:00+19:00', 'offset +19:00'],
    ['2026-03-02T08:00:00-19:00', 'offset -19:00'],
    ['2026-03-02T08:00:00+01:60', 'offset minutes 60'],
    ['2026-03-02', 'a date without a time'],
    ['2026-03-02T', 'a date and a T'],
    ['2026-03-02T08', 'an hour without minutes'],
    ['08:00:00', 'a time without a date'],
    ['yesterday', 'garbage'],
    ['', 'nothing'],
    ['2026/03/02 08:00:00', 'slashes'],
    ['02.03.2026 08:00', 'a European date'],
    ['2026-3-2T08:00:00Z', 'one-digit month and day'],
    ['2026-03-02T8:00:00Z', 'a one-digit hour'],
    ['2026-03-02T08:00:00.Z', 'a decimal sign without digits'],
    ['2026-03-02T08:00:00.1234567890Z', 'ten fraction digits'],
    ['2026-03-02T08:00:00+1', 'a one-digit offset'],
    ['2026-03-02T08:00:00Z junk', 'text after the timestamp'],
    ['2026-03-02T08:00:00 CET', 'a zone abbreviation other than UTC'],
  ])('%s (%s) gives an error message', (text) => {
    const r = parseTimestamp(text, 'UTC');
    expect(typeof r).toBe('string');
    expect((r as string).length).toBeGreaterThan(0);
  });

  test('the message says what is wrong', () => {
    expect(parseTimestamp('2026-13-01T00:00:00Z', 'UTC')).toMatch(/month/);
    expect(parseTimestamp('2026-02-29T00:00:00Z', 'UTC')).toMatch(/day/);
    expect(parseTimestamp('2026-03-02T24:00:00Z', 'UTC')).toMatch(/time/);
    expect(parseTimestamp('2026-03-02T08:00:00+19:00', 'UTC')).toMatch(/offset/);
    expect(parseTimestamp('garbage', 'UTC')).toMatch(/ISO 8601/);
  });
});

describe('properties', () => {
  const instantArb = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) - 1 });

  test('toISOString round-trips', () => {
    fc.assert(
      fc.property(instantArb, (t) => {
        expect(instant(new Date(t).toISOString())).toEqual({ ms: t, naive: false });
      }),
      { seed: 1, numRuns: 1000 },
    );
  });

  test('the same instant written with any offset is the same instant', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: -18 * 60, max: 18 * 60 }), fc.boolean(), (t, offsetMinutes, colon) => {
        const wall = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 23); // 2026-03-02T08:00:00.000
        const abs = Math.abs(offsetMinutes);
        const hh = String(Math.floor(abs / 60)).padStart(2, '0');
        const mm = String(abs % 60).padStart(2, '0');
        const text = `${wall}${offsetMinutes < 0 ? '-' : '+'}${hh}${colon ? ':' : ''}${mm}`;
        expect(instant(text)).toEqual({ ms: t, naive: false });
      }),
      { seed: 2, numRuns: 1000 },
    );
  });
});
