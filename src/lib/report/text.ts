/** The report as plain text for the terminal: what an administrator reads first. */
import { formatCount } from '../format.ts';
import type { ItemReport, Report } from './schema.ts';
import { TOTAL } from '../usage/total.ts';

const NA = 'Non-applicable';

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function cells(item: ItemReport): string[] {
  const c = item.cards;
  return [
    item.license === TOTAL ? 'All items' : item.license,
    item.capacity === null ? '—' : formatCount(item.capacity),
    formatCount(item.inUseNow),
    item.usageRatio === null ? '—' : `${Math.round(item.usageRatio * 100)} %`,
    formatCount(c.peakUsage.value),
    c.peakUsage.at.replace('T', ' '),
    c.averageDailyUsage.toFixed(1),
    c.daysOverThreshold === null ? NA : formatCount(c.daysOverThreshold),
    c.daysAtCapacity === null ? NA : formatCount(c.daysAtCapacity),
  ];
}

export function formatReport(report: Report): string {
  const i = report.ingest;
  const header = [
    'License item',
    'Capacity',
    'In use now',
    'Ratio',
    'Peak',
    'First at peak',
    'Avg daily',
    `Days ≥ ${report.threshold} %`,
    'Days at capacity',
  ];
  const body = [...report.items, report.total].map(cells);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  return [
    `vaultlens report · ${report.period.from} to ${report.period.to} · ${report.timeZone} · as of ${report.asOf}`,
    `Rows: ${formatCount(i.rowsRead)} read = ${formatCount(i.accepted)} accepted + ${formatCount(i.rejected)} rejected + ${formatCount(i.duplicates)} duplicates, from ${i.files} file${i.files === 1 ? '' : 's'}`,
    report.holdMinutes > 0 ? `Sessions count ${report.holdMinutes} minutes past their end (hold delay).` : '',
    '',
    row(header, widths),
    row(
      widths.map((w) => '─'.repeat(w)),
      widths,
    ),
    ...body.map((r) => row(r, widths)),
    ...billingLines(report),
    ...(report.denials
      ? [
          '',
          `Denials in the period: ${formatCount(report.denials.total)} of ${formatCount(report.denials.users)} users on ${formatCount(report.denials.daysWithDenials)} days (${
            Object.entries(report.denials.byReason)
              .filter(([, n]) => n > 0)
              .map(([r, n]) => `${r} ${formatCount(n)}`)
              .join(', ') || 'none'
          })`,
        ]
      : []),
  ]
    .filter((line, n) => line !== '' || n === 3)
    .join('\n');
}

/** Totals of the cost estimates, per currency. */
function billingLines(report: Report): string[] {
  const b = report.billing;
  if (!b) return [];
  const currencies = [...new Set(b.months.map((m) => m.currency))];
  return [
    '',
    `Estimates (${b.schedule} billing), not invoices:`,
    ...currencies.map((c) => {
      const rows = b.months.filter((m) => m.currency === c);
      const sum = (f: (m: (typeof rows)[number]) => number) =>
        rows.reduce((s, m) => s + Math.round(f(m) * 100), 0) / 100;
      return `  ${c}: Floating surcharge ${sum((m) => m.surcharge).toFixed(2)}, True-Up ${sum((m) => m.trueUpCost).toFixed(2)}`;
    }),
  ];
}
