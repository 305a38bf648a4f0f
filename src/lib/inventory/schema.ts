/**
 * The inventory (docs/DOMAIN.md §2.3): what the organisation owns per license item.
 * The export does not contain it; the user enters or imports it. Untrusted
 * input, validated here with zod, defaults applied.
 */
import { z } from 'zod';
import { isoDate } from '../time/calendar-date.ts';
import { TOTAL } from '../usage/total.ts';

export const LICENSE_KINDS = ['ide', 'dotnet-tool', 'pack', 'plugin'] as const;
export type LicenseKind = (typeof LICENSE_KINDS)[number];

export const InventoryItemSchema = z.object({
  regular: z.number().int().min(0).max(1_000_000),
  virtual: z.number().int().min(0).max(1_000_000).default(0),
  trueUpLimitPercent: z.number().min(0).max(100).nullable().default(null),
  annualPrice: z.number().min(0).max(1_000_000).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a currency code like USD')
    .optional(),
  /** Price of one True-Up license for one month; defaults to annualPrice / 12 (docs/DOMAIN.md §5). */
  trueUpMonthlyPrice: z.number().min(0).max(1_000_000).optional(),
  kind: z.enum(LICENSE_KINDS).default('ide'),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  tags: z.record(z.string().max(200), z.string().max(500)).optional(),
  projects: z.array(z.string().min(1).max(200)).max(100).optional(),
});

// `*` is the key of all items (usage/total.ts): an item of that name would be read as the total.
const ItemName = z
  .string()
  .min(1)
  .max(300)
  .refine((name) => name !== TOTAL, `the license item name “${TOTAL}” is reserved for all items`);

/**
 * The items by name, kept in an object without a prototype: license names come
 * from users' files, and a name such as `__proto__` or `constructor` must be an
 * item like any other (a plain object would drop the first and find a function
 * for the second).
 */
const ItemsSchema = z.preprocess(
  entriesOf,
  z.map(ItemName, InventoryItemSchema, { error: 'must be an object of license items by name' }).transform((items) => {
    const out = Object.create(null) as Record<string, InventoryItem>;
    for (const [name, item] of items) out[name] = item;
    return out;
  }),
);

export const InventorySchema = z.object({
  version: z.literal(1),
  items: ItemsSchema,
});

export type InventoryItem = z.infer<typeof InventoryItemSchema>;
export type Inventory = z.infer<typeof InventorySchema>;

/**
 * zod builds a record by assignment, which turns an own `__proto__` key (as
 * JSON.parse makes) into a prototype and loses the item: the items are checked
 * as a Map of their own entries instead.
 */
function entriesOf(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  return new Map(Object.entries(input));
}

/** The inventory's entry for `license`, or undefined: only the inventory's own items, never inherited names. */
export function inventoryItem(inventory: Inventory, license: string): InventoryItem | undefined {
  return Object.hasOwn(inventory.items, license) ? inventory.items[license] : undefined;
}

export const EMPTY_INVENTORY: Inventory = { version: 1, items: {} };

/** The prepaid pool of an item: regular + virtual (docs/DOMAIN.md §1), or null when the item is not in the inventory. */
export function capacityOf(inventory: Inventory, license: string): number | null {
  const item = inventoryItem(inventory, license);
  return item ? item.regular + item.virtual : null;
}

/** The total's capacity: the sum over `licenses` when every one has a capacity, else null (docs/DOMAIN.md §3). */
export function totalCapacity(inventory: Inventory, licenses: readonly string[]): number | null {
  let sum = 0;
  for (const license of licenses) {
    const c = capacityOf(inventory, license);
    if (c === null) return null;
    sum += c;
  }
  return licenses.length === 0 ? null : sum;
}

/** Parses inventory JSON text, or says what is wrong with it (naming the item and field). */
export function parseInventory(
  text: string,
  source = 'inventory',
): { ok: true; inventory: Inventory } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${source}: not JSON (${(e as Error).message})` };
  }
  const result = InventorySchema.safeParse(json);
  if (result.success) return { ok: true, inventory: result.data };
  const issue = result.error.issues[0]!;
  const where = issue.path.map(String).join('.');
  // A refused item name: say why, not only that the key is invalid.
  const why = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return { ok: false, message: `${source}: ${where ? `${where}: ` : ''}${why}` };
}

export function serializeInventory(inventory: Inventory): string {
  return `${JSON.stringify(inventory, null, 2)}\n`;
}
