/**
 * The license item selector's options: with thousands of items a <select>
 * holding them all froze the page, so it offers at most `limit` items that
 * match what the user typed, the selected one always among them, and says how
 * many more match. Every other list drawn one row per item is capped the same
 * way (cappedMatches, topRows), and says how many it shows of how many.
 */
import { formatCount } from '../format.ts';

export const ITEM_OPTIONS_LIMIT = 200;

/** The most small multiples (one chart per item) the Overview draws: a chart costs far more than a row. */
export const MULTIPLES_LIMIT = 48;

export interface ItemOptions {
  /** Items to offer, in the given order; the selected one included when it is an item. */
  shown: string[];
  /** Items that match but are not shown. */
  more: number;
}

/** Case-insensitive substring match of `query` (trimmed); an empty query matches every item. One pass over `items`. */
export function itemOptions(
  items: readonly string[],
  query: string,
  selected: string,
  limit = ITEM_OPTIONS_LIMIT,
): ItemOptions {
  const needle = query.trim().toLocaleLowerCase();
  const matchesQuery = (item: string) => needle === '' || item.toLocaleLowerCase().includes(needle);
  const shown: string[] = [];
  let matches = 0;
  let selectedIsItem = false;
  for (const item of items) {
    if (item === selected) selectedIsItem = true;
    if (!matchesQuery(item)) continue;
    matches++;
    if (shown.length < limit) shown.push(item);
  }
  // The selected item stays an option, or the <select> would show another value than the view's.
  if (selectedIsItem && !shown.includes(selected)) {
    if (shown.length === limit) shown.pop();
    shown.push(selected);
  }
  const shownMatching = shown.filter(matchesQuery).length;
  return { shown, more: matches - shownMatching };
}

/** A list drawn one row per license item, capped: the rows drawn, how many match the search, how many in all. */
export interface Capped<T> {
  shown: T[];
  matches: number;
  total: number;
}

/**
 * Of `list`, the first `limit` whose name (`nameOf`) matches `query` as
 * itemOptions matches it, in order, with the counts: every table, list or
 * chart that draws one row per license item draws at most these, so that
 * 20,000 items do not freeze the page.
 */
export function cappedMatches<T>(
  list: readonly T[],
  nameOf: (row: T) => string,
  query: string,
  limit = ITEM_OPTIONS_LIMIT,
): Capped<T> {
  const needle = query.trim().toLocaleLowerCase();
  const shown: T[] = [];
  let matches = 0;
  for (const row of list) {
    if (needle !== '' && !nameOf(row).toLocaleLowerCase().includes(needle)) continue;
    matches++;
    if (shown.length < limit) shown.push(row);
  }
  return { shown, matches, total: list.length };
}

/**
 * What a capped list says under it when it does not show every row: "Showing
 * 200 of 20,000 license items: type in the search box to narrow." Null when
 * every matching row is shown.
 */
export function cappedNote(
  capped: Capped<unknown>,
  noun = 'license items',
  hint = 'type in the search box to narrow',
): string | null {
  const { shown, matches, total } = capped;
  if (shown.length === matches) return null;
  const count = formatCount;
  const of =
    matches === total ? `${count(total)} ${noun}` : `${count(matches)} matching ${noun} (${count(total)} in all)`;
  return `Showing ${count(shown.length)} of ${of}: ${hint}.`;
}

/**
 * The `limit` rows of `list` with the highest `score` (ties: the earlier
 * first), kept in the list's order: for a list that has no search box (the
 * Overview's small multiples), the rows most worth a look.
 */
export function topRows<T>(list: readonly T[], score: (row: T) => number, limit: number): Capped<T> {
  if (list.length <= limit) return { shown: [...list], matches: list.length, total: list.length };
  const ranked = list.map((row, i) => ({ i, s: score(row) })).sort((a, b) => b.s - a.s || a.i - b.i);
  const kept = ranked
    .slice(0, limit)
    .map((r) => r.i)
    .sort((a, b) => a - b);
  return { shown: kept.map((i) => list[i]!), matches: list.length, total: list.length };
}

/** The most rows a table of counts by name draws (denials by license item, product, user): the largest first. */
export const COUNTS_LIMIT = 20;

/**
 * Of `counts` by name, the `limit` largest (ties: by name), largest first: a
 * table of counts draws these, however many names there are.
 */
export function largestCounts(
  counts: Readonly<Record<string, number>>,
  limit = COUNTS_LIMIT,
): Capped<[name: string, count: number]> {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { shown: rows.slice(0, limit), matches: rows.length, total: rows.length };
}

/** What a table of the largest counts says under it when rows are left out: "The 20 of 100,000 license items with the most denials." */
export function largestNote(capped: Capped<unknown>, noun: string, what: string): string | null {
  if (capped.shown.length === capped.total) return null;
  return `The ${formatCount(capped.shown.length)} of ${formatCount(capped.total)} ${noun} with the most ${what}.`;
}
