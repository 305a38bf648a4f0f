/**
 * The period presets: whole local days ending on as-of's day, the preset's
 * number of days long (counted by hand across month ends and leap days), and
 * what they make of a report period in a zone with a clock change.
 */
import { describe, expect, test } from 'vitest';
import { PERIOD_LABELS, PERIOD_PRESETS, presetDates } from '../../../src/lib/dashboard/periods.ts';
import { resolvePeriod } from '../../../src/lib/report/period.ts';

describe('presetDates', () => {
  test.each([
    ['today', '2026-03-10', '2026-03-10'],
    ['7', '2026-03-10', '2026-03-04'],
    ['30', '2026-03-10', '2026-02-09'], // February 2026 has 28 days
    ['60', '2026-03-01', '2026-01-01'], // 28 days of February + 31 of January
    ['90', '2024-03-31', '2024-01-02'], // a leap year: 30 + 29 + 31 days back to 1 January, one less
    ['365', '2026-03-10', '2025-03-11'],
    ['365', '2024-12-31', '2024-01-02'], // 2024 has 366 days
  ] as const)('%s ending %s starts %s', (preset, asOfDate, from) => {
    expect(presetDates(preset, asOfDate)).toEqual({ from, to: asOfDate });
  });

  test('all time leaves both ends to the report’s defaults', () => {
    expect(presetDates('all', '2026-03-10', { from: '2026-01-01', to: '2026-02-01' })).toEqual({});
  });

  test('custom takes the chosen dates, either of them left open', () => {
    expect(presetDates('custom', '2026-03-10', { from: '2026-01-01', to: '2026-02-01' })).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
    });
    expect(presetDates('custom', '2026-03-10', { from: '2026-01-01' })).toEqual({ from: '2026-01-01', to: undefined });
    expect(presetDates('custom', '2026-03-10')).toEqual({ from: undefined, to: undefined });
  });

  test('every preset has a label', () => {
    for (const preset of PERIOD_PRESETS) expect(PERIOD_LABELS[preset]).toMatch(/\S/);
  });
});

test('the last 7 days across the spring clock change in Berlin: 7 local days, 167 hours', () => {
  const asOf = Date.parse('2026-03-31T21:59:00Z'); // 23:59 local on 31 March
  const dates = presetDates('7', '2026-03-31');
  const p = resolvePeriod(
    { zone: 'Europe/Berlin', ...dates, asOf },
    { firstUse: Date.parse('2026-01-01'), latest: asOf },
  );
  expect([p.from, p.to]).toEqual(['2026-03-25', '2026-03-31']);
  expect(p.startMs).toBe(Date.parse('2026-03-24T23:00:00Z'));
  expect(p.endMs).toBe(asOf);
  expect((Date.parse('2026-03-31T22:00:00Z') - p.startMs) / 3_600_000).toBe(7 * 24 - 1);
});
