/**
 * The license item selector offers a bounded number of options however many
 * items a file has, keeps the selected one, and counts the rest; every other
 * list drawn one row per item is capped the same way and says so.
 */
import { expect, test } from 'vitest';
import {
  COUNTS_LIMIT,
  ITEM_OPTIONS_LIMIT,
  cappedMatches,
  cappedNote,
  itemOptions,
  largestCounts,
  largestNote,
  topRows,
} from '../../../src/lib/dashboard/item-options.ts';

const items = Array.from({ length: 20_000 }, (_, i) => `Item ${i}`);

test('20,000 items: at most the limit shown, the rest counted', () => {
  const o = itemOptions(items, '', 'Item 0');
  expect(o.shown).toHaveLength(ITEM_OPTIONS_LIMIT);
  expect(o.shown[0]).toBe('Item 0');
  expect(o.more).toBe(items.length - ITEM_OPTIONS_LIMIT);
});

test('a query narrows the options, in any letter case', () => {
  const o = itemOptions(items, ' item 1999', '*');
  expect(o.shown).toEqual([
    'Item 1999',
    'Item 19990',
    'Item 19991',
    'Item 19992',
    'Item 19993',
    'Item 19994',
    'Item 19995',
    'Item 19996',
    'Item 19997',
    'Item 19998',
    'Item 19999',
  ]);
  expect(o.more).toBe(0);
});

test('the selected item stays an option when it is past the limit or does not match', () => {
  const past = itemOptions(items, '', 'Item 15000');
  expect(past.shown).toHaveLength(ITEM_OPTIONS_LIMIT);
  expect(past.shown.at(-1)).toBe('Item 15000');
  expect(past.more).toBe(items.length - ITEM_OPTIONS_LIMIT);
  const other = itemOptions(items, 'Item 7', 'Item 42');
  expect(other.shown).toContain('Item 42');
  expect(other.shown).toHaveLength(ITEM_OPTIONS_LIMIT);
  expect(other.more).toBe(items.filter((i) => i.includes('Item 7')).length - (ITEM_OPTIONS_LIMIT - 1));
});

test('few items: all of them, nothing more', () => {
  expect(itemOptions(['A', 'B'], '', '*')).toEqual({ shown: ['A', 'B'], more: 0 });
});

const rows = items.map((license, i) => ({ license, peak: i % 97 }));
const licenseOf = (r: { license: string }) => r.license;

test('a capped list: the first matching rows up to the limit, in order, with the counts', () => {
  const all = cappedMatches(rows, licenseOf, '');
  expect(all.shown).toEqual(rows.slice(0, ITEM_OPTIONS_LIMIT));
  expect([all.matches, all.total]).toEqual([items.length, items.length]);
  const some = cappedMatches(rows, licenseOf, 'ITEM 1234');
  expect(some.shown.map(licenseOf)).toEqual(items.filter((i) => i.includes('Item 1234')));
  expect([some.matches, some.total]).toEqual([some.shown.length, items.length]);
});

test('a capped list says how many it shows of how many, and nothing when it shows every match', () => {
  expect(cappedNote(cappedMatches(rows, licenseOf, ''))).toMatch(/^Showing 200 of 20.000 license items: type/);
  expect(cappedNote(cappedMatches(rows, licenseOf, 'item 1'))).toMatch(
    /^Showing 200 of 11.111 matching license items \(20.000 in all\)/,
  );
  expect(cappedNote(cappedMatches(rows, licenseOf, 'item 1234'))).toBeNull();
  expect(cappedNote(cappedMatches(rows.slice(0, 3), licenseOf, ''), 'rows')).toBeNull();
});

test('the top rows by a score, kept in the list order, ties to the earlier', () => {
  const top = topRows(rows, (r) => r.peak, 48);
  expect(top.shown).toHaveLength(48);
  expect(top.total).toBe(rows.length);
  const cut = Math.min(...top.shown.map((r) => r.peak));
  expect(top.shown.every((r) => r.peak >= cut)).toBe(true);
  expect(rows.filter((r) => r.peak > cut).every((r) => top.shown.includes(r))).toBe(true);
  const indexes = top.shown.map((r) => rows.indexOf(r));
  expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  // Of the rows at the cut, the earliest are kept.
  const atCut = rows.filter((r) => r.peak === cut);
  expect(top.shown.filter((r) => r.peak === cut)).toEqual(
    atCut.slice(0, top.shown.filter((r) => r.peak === cut).length),
  );
  expect(topRows(rows.slice(0, 5), (r) => r.peak, 48).shown).toEqual(rows.slice(0, 5));
});

test('a table of counts by name draws the largest, largest first, ties by name, and says how many there are', () => {
  // Counts 1 to 7 over 20,000 names: many ties at every count.
  const counts = Object.fromEntries(items.map((name, i) => [name, 1 + ((i * 13) % 7)]));
  const capped = largestCounts(counts);
  expect(capped.shown).toHaveLength(COUNTS_LIMIT);
  expect([capped.matches, capped.total]).toEqual([items.length, items.length]);
  const max = Math.max(...Object.values(counts));
  expect(capped.shown.every(([, n]) => n === max)).toBe(true);
  const atMax = Object.keys(counts)
    .filter((k) => counts[k] === max)
    .sort();
  expect(capped.shown.map(([k]) => k)).toEqual(atMax.slice(0, COUNTS_LIMIT));
  expect(largestNote(capped, 'license items', 'denials')).toMatch(
    /^The 20 of 20.000 license items with the most denials\.$/,
  );
  const few = largestCounts({ b: 2, a: 2, c: 5 });
  expect(few.shown).toEqual([
    ['c', 5],
    ['a', 2],
    ['b', 2],
  ]);
  expect(largestNote(few, 'users', 'denials')).toBeNull();
});
