/**
 * Maps a file's header onto a known shape: the vault's allocation export
 * (docs/DOMAIN.md §2.1) or our denials file (§2.2), told apart by their columns.
 */
import {
  DENIAL_COLUMNS,
  DENIAL_REQUIRED_HEADER,
  EXPORT_COLUMNS,
  REQUIRED_HEADER,
  normalizeHeaderName,
  type FileKind,
} from '../columns.ts';
import { formatList } from '../format.ts';

export interface HeaderMap {
  kind: FileKind;
  /** Field index of each column of the shape, -1 when the file lacks an optional one. */
  index: Record<string, number>;
  /** Columns we do not use, kept with the row. */
  extras: { name: string; index: number }[];
  width: number;
  missingOptional: string[];
}

const SHAPES: readonly { kind: FileKind; columns: readonly string[]; required: readonly string[] }[] = [
  { kind: 'allocations', columns: EXPORT_COLUMNS, required: REQUIRED_HEADER },
  { kind: 'denials', columns: DENIAL_COLUMNS, required: DENIAL_REQUIRED_HEADER },
];

export const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...EXPORT_COLUMNS, ...DENIAL_COLUMNS]);

function mapTo(fields: string[], shape: (typeof SHAPES)[number]): HeaderMap | { missing: string[] } {
  const index: Record<string, number> = Object.fromEntries(shape.columns.map((c) => [c, -1]));
  const extras: HeaderMap['extras'] = [];
  fields.forEach((field, i) => {
    const name = normalizeHeaderName(field);
    if (index[name] === -1) index[name] = i;
    else extras.push({ name: field.trim() || `column ${i + 1}`, index: i });
  });
  const missing = shape.required.filter((c) => index[c] === -1);
  if (missing.length > 0) return { missing };
  return {
    kind: shape.kind,
    index,
    extras,
    width: fields.length,
    missingOptional: shape.columns.filter((c) => index[c] === -1),
  };
}

/** The header as an allocation export, else as a denials file; else what an export lacks. */
export function mapHeader(fields: string[]): HeaderMap | { missing: string[] } {
  let first: { missing: string[] } | null = null;
  for (const shape of SHAPES) {
    const mapped = mapTo(fields, shape);
    if (!('missing' in mapped)) return mapped;
    first ??= mapped;
  }
  return first!;
}

/** What is wrong with the header; no missing column means no header line was found in the first megabyte. */
const headerProblem = (missing: readonly string[]) =>
  missing.length > 0
    ? `Its header lacks ${formatList(missing)}.`
    : 'Its first megabyte holds no line break, so no header.';

/** The one message a file of another shape gets. */
export function wrongShapeMessage(file: string, missing: readonly string[]): string {
  return (
    `${file}: this is not a License Vault allocation export. ` +
    `${headerProblem(missing)} Expected the columns ${EXPORT_COLUMNS.join(', ')} ` +
    `(in any order, any case; extra columns are ignored), or for a denials file ${DENIAL_COLUMNS.join(', ')}.`
  );
}
