/**
 * The search box and the "Showing n of N" line of a list drawn one row per
 * license item (src/lib/dashboard/item-options.ts): the box appears past
 * ITEM_OPTIONS_LIMIT rows, the line whenever rows are left out.
 */
import { useMemo, useState } from 'react';
import { ITEM_OPTIONS_LIMIT, cappedMatches, cappedNote, type Capped } from '../../lib/dashboard/item-options.ts';
import { formatCount } from '../../lib/format.ts';

/** A row's license item: the name most lists are searched by (a fixed function, so hooks need not recompute). */
export const licenseOf = (row: { license: string }) => row.license;

/** `list` capped by what is typed in its search box (see ItemSearch), by the name `nameOf` (a fixed function) gives. */
export function useCapped<T>(list: readonly T[], nameOf: (row: T) => string) {
  const [query, setQuery] = useState('');
  const capped = useMemo(() => cappedMatches(list, nameOf, query), [list, nameOf, query]);
  return { capped, query, setQuery };
}

export function ItemSearch({
  label,
  total,
  query,
  onQuery,
}: {
  label: string;
  total: number;
  query: string;
  onQuery: (q: string) => void;
}) {
  if (total <= ITEM_OPTIONS_LIMIT) return null;
  return (
    <p className="field">
      <input
        type="search"
        aria-label={label}
        placeholder={`Find among ${formatCount(total)} license items`}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
      />
    </p>
  );
}

export function CappedNote({ capped, noun }: { capped: Capped<unknown>; noun?: string }) {
  const note = cappedNote(capped, noun);
  if (note === null) return null;
  return (
    <p className="muted" role="status">
      {note}
    </p>
  );
}
