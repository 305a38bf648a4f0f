/**
 * The license item selector's options: with thousands of items a <select>
 * holding them all froze the page, so it offers at most `limit` items that
 * match what the user typed, the selected one always among them, and says how
 * many more match.
 */
export const ITEM_OPTIONS_LIMIT = 200;

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
