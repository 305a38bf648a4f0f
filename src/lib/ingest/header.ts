/** Maps a file's header onto the export's columns (DOMAIN.md §2.1). */
import { EXPORT_COLUMNS, REQUIRED_HEADER, normalizeHeaderName, type ExportColumn } from '../columns.ts';

export interface HeaderMap {
  /** Field index of each export column, -1 when the file lacks an optional one. */
  index: Record<ExportColumn, number>;
  /** Columns we do not use, kept with the row. */
  extras: { name: string; index: number }[];
  width: number;
  missingOptional: ExportColumn[];
}

export const KNOWN_COLUMNS: ReadonlySet<string> = new Set(EXPORT_COLUMNS);

export function mapHeader(fields: string[]): HeaderMap | { missing: ExportColumn[] } {
  const index = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, -1])) as Record<ExportColumn, number>;
  const extras: HeaderMap['extras'] = [];
  fields.forEach((field, i) => {
    const name = normalizeHeaderName(field);
    if (KNOWN_COLUMNS.has(name) && index[name as ExportColumn] === -1) index[name as ExportColumn] = i;
    else extras.push({ name: field.trim() || `column ${i + 1}`, index: i });
  });
  const missing = REQUIRED_HEADER.filter((c) => index[c] === -1);
  if (missing.length > 0) return { missing };
  const missingOptional = EXPORT_COLUMNS.filter((c) => index[c] === -1);
  return { index, extras, width: fields.length, missingOptional };
}

/** The one message a file of another shape gets. */
export function wrongShapeMessage(file: string, missing: readonly string[]): string {
  return (
    `${file}: this is not a License Vault allocation export. ` +
    `Its header lacks ${missing.join(', ')}. Expected the columns ${EXPORT_COLUMNS.join(', ')} ` +
    `(in any order, any case; extra columns are ignored).`
  );
}
