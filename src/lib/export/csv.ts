/**
 * Every CSV file vaultlens writes (the period export, the rejects download,
 * the CLI's rejects file, the simulator's files) goes through `toCsv`.
 * Papaparse quotes what needs quoting; a cell whose first character is
 * = + - @ tab or CR is prefixed with a quote mark, so that no cell read from a
 * user's file becomes a formula when the export is opened in a spreadsheet.
 */
import Papa from 'papaparse';

/**
 * The first characters a spreadsheet takes for a formula, whatever follows.
 * Papaparse's own pattern (`/^[=+\-@\t\r].*$/`) needs the whole cell on one
 * line, so "=HYPERLINK(…)⏎x" slipped through; this one looks at the start only.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv<T extends Record<string, unknown>>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? '')) },
    { escapeFormulae: FORMULA_START, newline: '\r\n' },
  );
}
