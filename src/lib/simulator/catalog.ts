/**
 * What license items exist and which products each covers: an IDE's own
 * license covers that IDE, a pack covers many (docs/DOMAIN.md §4: a regular
 * license for the product first, then a pack that covers it).
 */
import type { LicenseKind } from '../inventory/schema.ts';

export interface CatalogItem {
  /** The license item's name, as `allocated_license` in the export. */
  name: string;
  kind: LicenseKind;
  /** Products (`user_product`) this license lets a user run. */
  covers: readonly string[];
}

export const ALL_PRODUCTS = [
  'IntelliJ IDEA Ultimate',
  'PyCharm',
  'WebStorm',
  'GoLand',
  'DataGrip',
  'Rider',
  'CLion',
  'ReSharper',
] as const;

/** A catalog like JetBrains': product licenses, the All Products Pack, and .NET tools. */
export const DEFAULT_CATALOG: readonly CatalogItem[] = [
  { name: 'All Products Pack', kind: 'pack', covers: ALL_PRODUCTS },
  { name: 'IntelliJ IDEA Ultimate', kind: 'ide', covers: ['IntelliJ IDEA Ultimate'] },
  { name: 'PyCharm Professional', kind: 'ide', covers: ['PyCharm'] },
  { name: 'GoLand', kind: 'ide', covers: ['GoLand'] },
  { name: 'dotUltimate', kind: 'pack', covers: ['Rider', 'ReSharper'] },
  { name: 'ReSharper', kind: 'dotnet-tool', covers: ['ReSharper'] },
];

/** Items that cover `product`: its own licenses first, then packs (the vault's order of preference). */
export function candidatesFor(catalog: readonly CatalogItem[], product: string): CatalogItem[] {
  const covering = catalog.filter((i) => i.covers.includes(product));
  return [...covering.filter((i) => i.kind !== 'pack'), ...covering.filter((i) => i.kind === 'pack')];
}
