/**
 * The license item selector offers a bounded number of options however many
 * items a file has, keeps the selected one, and counts the rest.
 */
import { expect, test } from 'vitest';
import { ITEM_OPTIONS_LIMIT, itemOptions } from '../../../src/lib/dashboard/item-options.ts';

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
