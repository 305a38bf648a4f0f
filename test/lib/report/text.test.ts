/**
 * The report as terminal text: the period line, the rows accounted for
 * (read = accepted + rejected + duplicates, docs/DOMAIN.md §2.4), one aligned
 * row per item and the total, "Non-applicable" (never 0) without a capacity,
 * and the billing and denial lines only when the report has them.
 */
import { describe, expect, test } from 'vitest';
import type { ItemReport, Report } from '../../../src/lib/report/schema.ts';
import { formatReport } from '../../../src/lib/report/text.ts';

function item(license: string, over: Partial<ItemReport> & { cards: ItemReport['cards'] }): ItemReport {
  return {
    license,
    capacity: null,
    inUseNow: 0,
    usageRatio: null,
    warnings: { averageDailyUsage: 'none', peakUsage: 'none', daysOverThreshold: 'none' },
    daily: [],
    utilization: { levels: [], coverage95: 0, coverage99: 0 },
    heatmap: [],
    ...over,
  };
}

const GOLAND = item('GoLand', {
  capacity: 4,
  inUseNow: 2,
  usageRatio: 0.5,
  cards: {
    averageDailyUsage: 2.25,
    peakUsage: { value: 4, at: '2026-03-04T10:15+01:00', minutesAtPeak: 30 },
    daysOverThreshold: 3,
    daysAtCapacity: 1,
  },
});
const RESHARPER = item('ReSharper', {
  inUseNow: 1,
  cards: {
    averageDailyUsage: 0.96,
    peakUsage: { value: 2, at: '2026-03-05T09:00+01:00', minutesAtPeak: 5 },
    daysOverThreshold: null,
    daysAtCapacity: null,
  },
});
const TOTAL = {
  ...item('*', {
    inUseNow: 3,
    cards: {
      averageDailyUsage: 3.2,
      peakUsage: { value: 5, at: '2026-03-04T10:15+01:00', minutesAtPeak: 30 },
      daysOverThreshold: null,
      daysAtCapacity: null,
    },
  }),
  license: '*' as const,
};

const REPORT: Report = {
  version: 1,
  asOf: '2026-03-10T13:00+01:00',
  timeZone: 'Europe/Berlin',
  threshold: 80,
  holdMinutes: 0,
  period: { from: '2026-03-02', to: '2026-03-10' },
  ingest: { files: 2, rowsRead: 120, accepted: 110, rejected: 6, duplicates: 4 },
  items: [GOLAND, RESHARPER],
  total: TOTAL,
};

const lines = (report: Report) => formatReport(report).split('\n');
const cellsOf = (line: string) => line.trim().split(/\s{2,}/);

describe('formatReport', () => {
  test('the period line and the rows line, then one blank line before the table', () => {
    const [title, rows, blank, header] = lines(REPORT);
    expect(title).toBe('vaultlens report · 2026-03-02 to 2026-03-10 · Europe/Berlin · as of 2026-03-10T13:00+01:00');
    expect(rows).toBe('Rows: 120 read = 110 accepted + 6 rejected + 4 duplicates, from 2 files');
    expect(blank).toBe('');
    expect(header).toMatch(/^License item/);
    expect(lines({ ...REPORT, ingest: { ...REPORT.ingest, files: 1 } })[1]).toMatch(/from 1 file$/);
  });

  test('a hold delay is said before the table', () => {
    expect(lines({ ...REPORT, holdMinutes: 20 }).slice(2, 4)).toEqual([
      'Sessions count 20 minutes past their end (hold delay).',
      '',
    ]);
  });

  test('one row per item and the total, each card in its column; Non-applicable without a capacity', () => {
    const table = lines(REPORT).slice(3);
    expect(cellsOf(table[0]!)).toEqual([
      'License item',
      'Capacity',
      'In use now',
      'Ratio',
      'Peak',
      'First at peak',
      'Avg daily',
      'Days ≥ 80 %',
      'Days at capacity',
    ]);
    expect(table[1]).toMatch(/^─+( {2}─+){8}$/);
    expect(cellsOf(table[2]!)).toEqual(['GoLand', '4', '2', '50 %', '4', '2026-03-04 10:15+01:00', '2.3', '3', '1']);
    expect(cellsOf(table[3]!)).toEqual([
      'ReSharper',
      '—',
      '1',
      '—',
      '2',
      '2026-03-05 09:00+01:00',
      '1.0',
      'Non-applicable',
      'Non-applicable',
    ]);
    expect(cellsOf(table[4]!)).toEqual([
      'All items',
      '—',
      '3',
      '—',
      '5',
      '2026-03-04 10:15+01:00',
      '3.2',
      'Non-applicable',
      'Non-applicable',
    ]);
    expect(table).toHaveLength(5); // nothing after the total without billing or denials
  });

  test('columns line up: names to the left, figures to the right', () => {
    const table = lines(REPORT).slice(3);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    // "ReSharper" is the longest name (9), "License item" the longest first cell (12).
    expect(table[2]!.slice(0, 14)).toBe('GoLand        ');
    expect(table[2]!.endsWith(' '.repeat('Days at capacity'.length - 1) + '1')).toBe(true);
  });

  test('the threshold in the header is the report’s', () => {
    expect(lines({ ...REPORT, threshold: 60 })[3]).toContain('Days ≥ 60 %');
  });

  test('estimates per currency, summed in cents', () => {
    const month = { kind: 'ide' as const, n: 1, trueUpLicenses: 0 };
    const text = formatReport({
      ...REPORT,
      billing: {
        schedule: 'monthly',
        months: [
          { ...month, month: '2026-03', license: 'GoLand', currency: 'USD', surcharge: 0.1, trueUpCost: 100 },
          { ...month, month: '2026-03', license: 'ReSharper', currency: 'EUR', surcharge: 7.25, trueUpCost: 0 },
          { ...month, month: '2026-04', license: 'GoLand', currency: 'USD', surcharge: 0.2, trueUpCost: 50.5 },
        ],
        total: { surcharge: 7.55, trueUpCost: 150.5 },
      },
    });
    expect(text.split('\n').slice(-3)).toEqual([
      'Estimates (monthly billing), not invoices:',
      '  USD: Floating surcharge 0.30, True-Up 150.50',
      '  EUR: Floating surcharge 7.25, True-Up 0.00',
    ]);
  });

  test('denials: the total, users, days and the reasons that occurred', () => {
    const denials = {
      total: 12,
      users: 3,
      daysWithDenials: 2,
      byReason: { no_available_licenses: 10, access_rule: 2, not_in_authorized_group: 0 },
      byLicense: { GoLand: 12 },
      warnings: { deniedUsers: 'major', daysWithDenials: 'minor' } as const,
    };
    expect(lines({ ...REPORT, denials }).at(-1)).toBe(
      'Denials in the period: 12 of 3 users on 2 days (no_available_licenses 10, access_rule 2)',
    );
    const byReason = { no_available_licenses: 0, access_rule: 0, not_in_authorized_group: 0 };
    const none = { ...denials, total: 0, users: 0, daysWithDenials: 0, byReason, byLicense: {} };
    expect(lines({ ...REPORT, denials: none }).at(-1)).toBe('Denials in the period: 0 of 0 users on 0 days (none)');
  });
});
