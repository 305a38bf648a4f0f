/** The inventory, remembered in this browser between visits (validated when read back). */
import { useCallback, useState } from 'react';
import { EMPTY_INVENTORY, parseInventory, serializeInventory, type Inventory } from '../../lib/inventory/schema.ts';

const KEY = 'vaultlens.inventory.v1';

function stored(): Inventory {
  try {
    const text = window.localStorage.getItem(KEY);
    if (text === null) return EMPTY_INVENTORY;
    const parsed = parseInventory(text, 'saved inventory');
    return parsed.ok ? parsed.inventory : EMPTY_INVENTORY;
  } catch {
    return EMPTY_INVENTORY;
  }
}

export function useInventory(): [Inventory, (next: Inventory) => void] {
  const [inventory, setInventory] = useState<Inventory>(stored);
  const save = useCallback((next: Inventory) => {
    setInventory(next);
    try {
      window.localStorage.setItem(KEY, serializeInventory(next));
    } catch {
      // Storage full or disabled: the inventory still applies to this visit.
    }
  }, []);
  return [inventory, save];
}
