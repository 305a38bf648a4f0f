import { expect, test } from 'vitest';
import {
  capacityOf,
  inventoryItem,
  parseInventory,
  serializeInventory,
  totalCapacity,
} from '../../../src/lib/inventory/schema.ts';

test('defaults: virtual 0, no True-Up, kind ide', () => {
  const r = parseInventory('{"version":1,"items":{"IntelliJ IDEA Ultimate":{"regular":64}}}');
  expect(r).toEqual({
    ok: true,
    inventory: {
      version: 1,
      items: { 'IntelliJ IDEA Ultimate': { regular: 64, virtual: 0, trueUpLimitPercent: null, kind: 'ide' } },
    },
  });
});

test('the documented example parses whole and survives a save and load', () => {
  const text = JSON.stringify({
    version: 1,
    items: {
      'All Products Pack': {
        regular: 64,
        virtual: 10,
        trueUpLimitPercent: 30,
        annualPrice: 779,
        currency: 'USD',
        kind: 'pack',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        tags: { version: '2026.2' },
        projects: ['Platform'],
      },
    },
  });
  const r = parseInventory(text);
  if (!r.ok) throw new Error(r.message);
  expect(capacityOf(r.inventory, 'All Products Pack')).toBe(74);
  expect(parseInventory(serializeInventory(r.inventory))).toEqual(r);
});

test('capacity: none for items not in the inventory; the total only when every item has one', () => {
  const r = parseInventory('{"version":1,"items":{"A":{"regular":3},"B":{"regular":2,"virtual":1}}}');
  if (!r.ok) throw new Error(r.message);
  expect(capacityOf(r.inventory, 'C')).toBeNull();
  expect(totalCapacity(r.inventory, ['A', 'B'])).toBe(6);
  expect(totalCapacity(r.inventory, ['A', 'B', 'C'])).toBeNull();
});

test.each([
  ['not json', '{', /not JSON/],
  ['wrong version', '{"version":2,"items":{}}', /version/],
  ['regular missing', '{"version":1,"items":{"A":{}}}', /items\.A\.regular/],
  ['negative count', '{"version":1,"items":{"A":{"regular":-1}}}', /items\.A\.regular/],
  ['fractional count', '{"version":1,"items":{"A":{"regular":1.5}}}', /items\.A\.regular/],
  ['unknown kind', '{"version":1,"items":{"A":{"regular":1,"kind":"game"}}}', /items\.A\.kind/],
  ['bad currency', '{"version":1,"items":{"A":{"regular":1,"currency":"dollars"}}}', /currency code/],
  ['bad date', '{"version":1,"items":{"A":{"regular":1,"validTo":"31/12/2026"}}}', /date like/],
])('refused with a message naming the place: %s', (_, text, message) => {
  const r = parseInventory(text, 'inv.json');
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.message).toMatch(/^inv\.json: /);
    expect(r.message).toMatch(message);
  }
});

test('an item named “*”, the key of all items, is refused with a message that says why', () => {
  expect(parseInventory('{"version":1,"items":{"A":{"regular":1},"*":{"regular":5}}}', 'inv.json')).toEqual({
    ok: false,
    message: 'inv.json: items.*: the license item name “*” is reserved for all items',
  });
  expect(parseInventory('{"version":1,"items":{"* ":{"regular":5}}}').ok).toBe(true);
});

test('items named like Object’s own properties are items like any other, and only items are found', () => {
  const r = parseInventory('{"version":1,"items":{"__proto__":{"regular":3},"constructor":{"regular":2}}}');
  if (!r.ok) throw new Error(r.message);
  expect(Object.keys(r.inventory.items)).toEqual(['__proto__', 'constructor']);
  expect(capacityOf(r.inventory, '__proto__')).toBe(3);
  expect(capacityOf(r.inventory, 'constructor')).toBe(2);
  // A name the inventory lacks is not found through the prototype chain.
  expect(inventoryItem(r.inventory, 'toString')).toBeUndefined();
  expect(capacityOf(r.inventory, 'hasOwnProperty')).toBeNull();
  // And it survives a save and a reload.
  expect(parseInventory(serializeInventory(r.inventory))).toEqual(r);
});

test('items that are not an object of items by name are refused in words', () => {
  expect(parseInventory('{"version":1,"items":[]}', 'inv.json')).toEqual({
    ok: false,
    message: 'inv.json: items: must be an object of license items by name',
  });
});
