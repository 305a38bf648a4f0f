/**
 * The vault's allocation export, by header name (docs/DOMAIN.md §2.1). Order here is
 * the vault's own; files may put them in any order and add columns.
 */
export const EXPORT_COLUMNS = [
  'allocation_id',
  'allocated_license',
  'user_product',
  'username',
  'user_email',
  'user_ip',
  'user_hostname',
  'external_id',
  'used_from',
  'used_to',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** A row without one of these is rejected. */
export const REQUIRED_VALUES: readonly ExportColumn[] = ['allocation_id', 'allocated_license', 'username', 'used_from'];

/**
 * A header must name these to be taken for an allocation export. `used_to` is
 * not required per row (empty = still running) but a file without the column
 * would turn every session into an open one, so the header must have it.
 */
export const REQUIRED_HEADER: readonly ExportColumn[] = [...REQUIRED_VALUES, 'used_to'];

/** Header names are matched case-insensitively, ignoring surrounding spaces and a BOM. */
export function normalizeHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

/** The denials file the project defines (docs/DOMAIN.md §2.2): the vault shows denials but documents no export. */
export const DENIAL_COLUMNS = [
  'denied_at',
  'username',
  'user_email',
  'user_product',
  'requested_license',
  'reason',
  'user_hostname',
  'user_ip',
] as const;

export type DenialColumn = (typeof DENIAL_COLUMNS)[number];

/** A denials file must name these; a row without one of them is rejected. */
export const DENIAL_REQUIRED_HEADER: readonly DenialColumn[] = ['denied_at', 'username', 'reason'];

/** What a loaded file holds, told by its header. */
export type FileKind = 'allocations' | 'denials';
