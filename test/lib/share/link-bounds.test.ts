/**
 * What a view link may carry: at most 1,000 inventory items and names of at
 * most 2,000 characters. Past either bound the link is refused with a message
 * that says the bound; the page leaves a larger inventory out of the links it
 * makes, so it never makes a link it would refuse.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, DEFAULT_SETTINGS } from '../../../src/lib/dashboard/view.ts';
import type { Inventory } from '../../../src/lib/inventory/schema.ts';
import { toBase64Url } from '../../../src/lib/share/base64url.ts';
import {
  decodeViewLink,
  encodeViewLink,
  linkCarriesInventory,
  MAX_LINK_ITEMS,
  MAX_LINK_NAME,
} from '../../../src/lib/share/view-link.ts';

const inventoryOf = (n: number): Inventory =>
  ({
    version: 1,
    items: Object.fromEntries(Array.from({ length: n }, (_, i) => [`Item ${i}`, { regular: 1, virtual: 0 }])),
  }) as Inventory;
const invParam = (inventory: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(inventory)));
const view = {
  settings: { ...DEFAULT_SETTINGS, zone: undefined },
  tab: 'Overview' as const,
  drill: { kind: 'period' as const },
  portal: { kind: 'list' as const },
  filters: DEFAULT_FILTERS,
};

describe('inventory items in a view link', () => {
  it('a link with 1,000 items opens', () => {
    const r = decodeViewLink(`v=1&inv=${invParam(inventoryOf(MAX_LINK_ITEMS))}`);
    expect(r.ok && Object.keys(r.link.inventory!.items)).toHaveLength(MAX_LINK_ITEMS);
  });

  it('a link with 8,000 items is refused, saying how many it has and how many a link may carry', () => {
    expect(decodeViewLink(`v=1&inv=${invParam(inventoryOf(8000))}`)).toEqual({
      ok: false,
      message:
        'This link cannot be opened: the inventory it carries has 8,000 license items, and a view link carries at most 1,000. The page opens as usual instead.',
    });
  });

  it('the page leaves an inventory past the bound out of the links it makes', () => {
    expect(linkCarriesInventory(inventoryOf(MAX_LINK_ITEMS))).toBe(true);
    expect(linkCarriesInventory(inventoryOf(MAX_LINK_ITEMS + 1))).toBe(false);
    expect(linkCarriesInventory(inventoryOf(0))).toBe(false);
    const made = encodeViewLink({ page: 'data', view, inventory: inventoryOf(MAX_LINK_ITEMS + 1) });
    expect(new URLSearchParams(made).has('inv')).toBe(false);
    expect(decodeViewLink(made).ok).toBe(true);
  });

  it('an invalid inventory is refused naming the item and the field', () => {
    const r = decodeViewLink(`v=1&inv=${invParam({ version: 1, items: { GoLand: { regular: -3 } } })}`);
    expect(r.ok ? '' : r.message).toMatch(/the inventory it carries is damaged \(items\.GoLand\.regular: .+\)/);
  });
});

describe('names in a view link', () => {
  it('an item name of 2,000 characters opens, one longer is refused with the bound in words', () => {
    const ok = decodeViewLink(`v=1&item=${'x'.repeat(MAX_LINK_NAME)}`);
    expect(ok.ok && ok.link.view.settings.item).toHaveLength(MAX_LINK_NAME);
    expect(decodeViewLink(`v=1&item=${'x'.repeat(MAX_LINK_NAME + 1)}`)).toEqual({
      ok: false,
      message:
        'This link cannot be opened: the parameter “item” is longer than 2,000 characters. The page opens as usual instead.',
    });
  });
});
