/**
 * The CLI's rejects: the first few printed under the report (file, line,
 * reason, message and the row's text), the first thousand in the report JSON
 * (docs/DOMAIN.md §7), and all of them as a formula-safe CSV with --rejects.
 */
import { toCsv } from '../lib/export/csv.ts';
import { formatCount } from '../lib/format.ts';
import type { RejectRow } from '../lib/sql/rejects.ts';

/** How many rejects the terminal shows. */
export const PRINTED_REJECTS = 10;
/** How many rejects the report JSON carries: enough to see what went wrong, bounded for a file of millions. */
export const REPORT_REJECTS = 1000;
/** The columns of the --rejects file, as the page's "Download rejects" writes them. */
export const REJECT_COLUMNS = ['file', 'line', 'reason', 'message', 'raw'] as const;

const RAW_SHOWN = 160;

/** One line of a row's text: its line breaks marked, cut to a terminal's width. */
function rawLine(raw: string): string {
  const line = raw.replace(/\r?\n/g, ' ⏎ ');
  return line.length > RAW_SHOWN ? `${line.slice(0, RAW_SHOWN - 1)}…` : line;
}

/** The lines printed under the report; none when nothing was rejected. */
export function rejectLines(first: readonly RejectRow[], total: number, rejectsFile: string | undefined): string[] {
  if (total === 0) return [];
  const shown = first.slice(0, PRINTED_REJECTS);
  const where = rejectsFile ? `all of them in ${rejectsFile}` : 'all of them with --rejects FILE';
  const head =
    total > shown.length
      ? `Rejected rows: ${formatCount(total)}, the first ${shown.length} below (${where}):`
      : `Rejected rows: ${formatCount(total)}${rejectsFile ? ` (also in ${rejectsFile})` : ''}:`;
  return [
    '',
    head,
    ...shown.flatMap((r) => [`  ${r.file} line ${r.line}: ${r.reason}: ${r.message}`, `    ${rawLine(r.raw)}`]),
  ];
}

/** The --rejects file: every reject, CRLF rows, formulas escaped (export/csv.ts). */
export function rejectsCsv(rows: readonly RejectRow[]): string {
  return `${toCsv(rows, REJECT_COLUMNS)}\r\n`;
}
