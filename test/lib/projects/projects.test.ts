/** Projects from the inventory: membership both ways, and an item's validity on a day. */
import { describe, expect, test } from 'vitest';
import { parseInventory, type Inventory } from '../../../src/lib/inventory/schema.ts';
import { itemsOfProject, projectsOf, projectsOfItem, validityOn } from '../../../src/lib/projects/projects.ts';

function inventoryOf(items: Record<string, Record<string, unknown>>): Inventory {
  const parsed = parseInventory(JSON.stringify({ version: 1, items }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.inventory;
}

const inventory = inventoryOf({
  'IntelliJ IDEA Ultimate': { regular: 10, projects: ['Platform', 'Backend'] },
  'All Products Pack': { regular: 5, projects: ['Platform', 'Platform'] }, // named twice: once
  GoLand: { regular: 3, projects: ['Backend'] },
  ReSharper: { regular: 2 }, // in no project
  dotUltimate: { regular: 2, projects: [] },
});

describe('projects', () => {
  test('every project named by an item, by name, with its items by name', () => {
    expect(projectsOf(inventory)).toEqual([
      { name: 'Backend', items: ['GoLand', 'IntelliJ IDEA Ultimate'] },
      { name: 'Platform', items: ['All Products Pack', 'IntelliJ IDEA Ultimate'] },
    ]);
    expect(projectsOf(inventoryOf({ X: { regular: 1 } }))).toEqual([]);
  });

  test('items of a project, projects of an item', () => {
    expect(itemsOfProject(inventory, 'Platform')).toEqual(['All Products Pack', 'IntelliJ IDEA Ultimate']);
    expect(itemsOfProject(inventory, 'Nowhere')).toEqual([]);
    expect(projectsOfItem(inventory, 'IntelliJ IDEA Ultimate')).toEqual(['Backend', 'Platform']);
    expect(projectsOfItem(inventory, 'All Products Pack')).toEqual(['Platform']);
    expect(projectsOfItem(inventory, 'ReSharper')).toEqual([]);
    expect(projectsOfItem(inventory, 'not in the inventory')).toEqual([]);
  });

  test('validity: both bounds inclusive, whole days', () => {
    const item = inventoryOf({ X: { regular: 1, validFrom: '2026-01-01', validTo: '2026-12-31' } }).items.X;
    expect(validityOn(item, '2025-12-31')).toBe('not yet valid');
    expect(validityOn(item, '2026-01-01')).toBe('valid');
    expect(validityOn(item, '2026-12-31')).toBe('valid');
    expect(validityOn(item, '2027-01-01')).toBe('expired');
    expect(validityOn(inventoryOf({ X: { regular: 1, validTo: '2026-06-30' } }).items.X, '2026-01-01')).toBe('valid');
    expect(validityOn(inventoryOf({ X: { regular: 1 } }).items.X, '2026-01-01')).toBe('unknown');
    expect(validityOn(undefined, '2026-01-01')).toBe('unknown');
  });
});
