/**
 * Calendar dates, written once (src/lib/time/calendar-date.ts): a date must
 * exist on the calendar, and every input that carries one (an inventory, a
 * report, a snapshot, a view link) refuses one that does not.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../../src/lib/db/database.ts';
import { loadFiles } from '../../../src/lib/ingest/load.ts';
import { pathSource } from '../../../src/lib/ingest/node-source.ts';
import { parseInventory } from '../../../src/lib/inventory/schema.ts';
import { buildReport } from '../../../src/lib/report/build.ts';
import { ReportSchema, type Report } from '../../../src/lib/report/schema.ts';
import { buildSnapshot } from '../../../src/lib/share/snapshot-build.ts';
import { validateSnapshot } from '../../../src/lib/share/snapshot-codec.ts';
import { decodeViewLink } from '../../../src/lib/share/view-link.ts';
import { isCalendarDate, isoDate } from '../../../src/lib/time/calendar-date.ts';
import { freshDatabase } from '../../helpers/db.ts';

describe('isCalendarDate and isoDate', () => {
  test.each(['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30'])('%s exists', (date) => {
    expect(isCalendarDate(date)).toBe(true);
    expect(isoDate.safeParse(date)).toEqual({ success: true, data: date });
  });

  test.each(['2026-02-31', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])(
    '%s does not exist on the calendar',
    (date) => {
      expect(isCalendarDate(date)).toBe(false);
      const r = isoDate.safeParse(date);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('is not a calendar date');
    },
  );

  test.each([
    '',
    '2026-1-31',
    '26-01-31',
    '2026/01/31',
    '2026-01-31T00:00:00Z',
    ' 2026-01-31',
    '2026-01-31\n',
    'today',
  ])('malformed: %j', (text) => {
    expect(isCalendarDate(text)).toBe(false);
    expect(isoDate.safeParse(text).error?.issues[0]?.message).toBe('must be a date like 2026-01-31');
  });
});

describe('every input with a date refuses 2026-02-31', () => {
  let db: Database;
  let report: Report;
  beforeAll(async () => {
    db = await freshDatabase();
    await loadFiles(db, [await pathSource('test/fixtures/basic.csv')]);
    report = await buildReport(db, { zone: 'UTC' });
  });
  afterAll(async () => db?.close());

  test('an inventory item’s validity', () => {
    const item = (validTo: string) =>
      parseInventory(JSON.stringify({ version: 1, items: { X: { regular: 5, validFrom: '2026-01-01', validTo } } }));
    expect(item('2026-02-28').ok).toBe(true);
    expect(item('2026-02-31')).toEqual({ ok: false, message: 'inventory: items.X.validTo: is not a calendar date' });
  });

  test('a report’s period and its days', () => {
    expect(ReportSchema.safeParse(report).success).toBe(true);
    const period = ReportSchema.safeParse({ ...report, period: { ...report.period, from: '2026-02-31' } });
    expect(period.error?.issues.map((i) => i.path.join('.'))).toEqual(['period.from']);
    const day = { ...report.total.daily[0]!, date: '2026-02-31' };
    const daily = ReportSchema.safeParse({ ...report, total: { ...report.total, daily: [day] } });
    expect(daily.error?.issues.map((i) => i.path.join('.'))).toEqual(['total.daily.0.date']);
  });

  test('a snapshot’s period', async () => {
    const snapshot = await buildSnapshot(db, report, {
      selected: '*',
      licenseType: 'all',
      drill: { kind: 'period' },
      pseudonymize: null,
      createdAt: 0,
    });
    expect(validateSnapshot(snapshot).ok).toBe(true);
    const bad = validateSnapshot({ ...snapshot, period: { ...snapshot.period, to: '2026-02-31' } });
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('period.to: is not a calendar date') });
  });

  test('a view link’s custom period', () => {
    expect(decodeViewLink('v=1&period=custom&from=2026-02-28').ok).toBe(true);
    expect(decodeViewLink('v=1&period=custom&to=2026-02-31')).toMatchObject({ ok: false });
  });
});
