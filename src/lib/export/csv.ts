/**
 * CSV files we write (rejects now, the period export later). Papaparse quotes
 * what needs quoting, and `escapeFormulae` prefixes cells starting with
 * = + - @ tab or CR with a quote mark, so that no cell read from a user's file
 * becomes a formula when the export is opened in a spreadsheet.
 */
import Papa from 'papaparse';

export function toCsv<T extends Record<string, unknown>>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? '')) },
    { escapeFormulae: true, newline: '\r\n' },
  );
}
