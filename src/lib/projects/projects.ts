/**
 * Projects group license items: an item names the
 * projects it is configured to in the inventory (`projects`), and a project is
 * every item that names it. An item may belong to several projects. Pure
 * functions of the inventory, no database.
 */
import { inventoryItem, type Inventory, type InventoryItem } from '../inventory/schema.ts';

export interface Project {
  name: string;
  /** Its license items, by name. */
  items: string[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every project named in the inventory, by name, each with its items (by name). */
export function projectsOf(inventory: Inventory): Project[] {
  const items = new Map<string, Set<string>>();
  for (const [license, item] of Object.entries(inventory.items)) {
    for (const name of item.projects ?? []) {
      let set = items.get(name);
      if (!set) items.set(name, (set = new Set()));
      set.add(license);
    }
  }
  return [...items.entries()]
    .map(([name, set]) => ({ name, items: [...set].sort(byName) }))
    .sort((a, b) => byName(a.name, b.name));
}

/** The license items of project `name` (empty when no item names it). */
export function itemsOfProject(inventory: Inventory, name: string): string[] {
  return projectsOf(inventory).find((p) => p.name === name)?.items ?? [];
}

/** The projects license item `license` belongs to, by name, each once. */
export function projectsOfItem(inventory: Inventory, license: string): string[] {
  return [...new Set(inventoryItem(inventory, license)?.projects ?? [])].sort(byName);
}

export type Validity = 'valid' | 'not yet valid' | 'expired' | 'unknown';

/**
 * Whether an item's validity period (`validFrom`..`validTo`, whole local days,
 * both inclusive) covers the local date `date` (YYYY-MM-DD), e.g. as-of's day.
 * Without either bound the item's validity is unknown.
 */
export function validityOn(item: InventoryItem | undefined, date: string): Validity {
  if (!item || (item.validFrom === undefined && item.validTo === undefined)) return 'unknown';
  if (item.validFrom !== undefined && date < item.validFrom) return 'not yet valid';
  if (item.validTo !== undefined && date > item.validTo) return 'expired';
  return 'valid';
}
