/**
 * The True-Up limit (docs/DOMAIN.md §4, §5): how many True-Up licenses an item
 * may use on top of its capacity. The one definition behind the cost
 * estimates, the Overview, the chart's limit line, snapshot links and the
 * simulator, so that none of them can show a limit another one does not bill.
 */
import { inventoryItem, type Inventory, type InventoryItem } from '../inventory/schema.ts';

/** True-Up is allowed only for items with at least this many licenses (docs/DOMAIN.md §4). */
export const TRUE_UP_MIN_LICENSES = 10;

/**
 * What the rule reads of an item. An inventory item is one as it is; the
 * simulator builds one from its plan's settings (simulator/rules.ts).
 */
export type TrueUpTerms = Pick<InventoryItem, 'regular' | 'virtual' | 'trueUpLimitPercent' | 'kind'>;

/**
 * floor(capacity × limit % / 100), capacity = regular + virtual; null when the
 * item has no True-Up at all: no limit set, a plugin, or fewer than
 * TRUE_UP_MIN_LICENSES licenses. (A limit of 0 is a True-Up that allows none.)
 */
export function trueUpLimit(item: TrueUpTerms): number | null {
  const capacity = item.regular + item.virtual;
  if (item.trueUpLimitPercent === null || item.kind === 'plugin' || capacity < TRUE_UP_MIN_LICENSES) return null;
  return Math.floor((capacity * item.trueUpLimitPercent) / 100);
}

/**
 * The limit of several items together (the total's line on the chart): the sum
 * of their limits, an item without True-Up adding none. Null when an item is
 * not in the inventory (its limit is unknown, as is the total's capacity,
 * docs/DOMAIN.md §3), or when no item has True-Up.
 */
export function totalTrueUpLimit(inventory: Inventory, licenses: readonly string[]): number | null {
  let sum: number | null = null;
  for (const license of licenses) {
    const item = inventoryItem(inventory, license);
    if (!item) return null;
    const limit = trueUpLimit(item);
    if (limit !== null) sum = (sum ?? 0) + limit;
  }
  return sum;
}
